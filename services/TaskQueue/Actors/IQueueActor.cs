using AmazonScale.TaskQueue.Domain;
using Dapr.Actors;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>The ready queue of one task type (actor id = task type), durable in actor state.</summary>
public interface IQueueActor : IActor
{
    Task Enqueue(Enqueue command);

    /// <summary>The best entry and its effective priority, without taking it.</summary>
    Task<int> PeekPriority();

    Task<QueueEntry?> Claim();

    Task Ack(Ack command);

    Task Remove(string taskId);

    Task AttemptEnded(AttemptEnded report);

    Task<QueueStats> Stats();
}
