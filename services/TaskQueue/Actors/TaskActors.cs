using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>Weakly typed proxies (JSON over the Dapr actors API) to this service's actors, wherever placement put them.</summary>
public sealed class TaskActors(IActorProxyFactory proxies)
{
    public ActorProxy Task(string taskId) => proxies.Create(new ActorId(taskId), nameof(TaskActor));

    public ActorProxy Queue(string taskType) => proxies.Create(new ActorId(taskType), nameof(QueueActor));

    public ActorProxy Registry() => proxies.Create(new ActorId(RegistryActor.SingletonId), nameof(RegistryActor));

    public ActorProxy DeadLetters() => proxies.Create(new ActorId(DeadLetterActor.SingletonId), nameof(DeadLetterActor));
}
