using Dapr.Actors;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>The dead-letter queue (one actor, id <see cref="DeadLetterActor.SingletonId"/>): tasks whose every attempt failed.</summary>
public interface IDeadLetterActor : IActor
{
    Task Add(DeadLetter entry);

    Task<bool> Remove(string taskId);

    Task<DeadLetterPage> List(int limit);

    /// <summary>Empties the queue and returns how many entries it held.</summary>
    Task<int> Purge();
}
