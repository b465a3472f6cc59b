using AmazonScale.TaskQueue.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>Weakly typed proxies (JSON over the Dapr actors API) to this service's actors, wherever placement put them.</summary>
public sealed class TaskActors(IActorProxyFactory proxies)
{
    /// <summary>The shard that owns a task (its id says which).</summary>
    public ActorProxy ShardOf(string taskId) => Shard(TaskIds.ShardOf(taskId));

    public ActorProxy Shard(string shardId) => proxies.Create(new ActorId(shardId), nameof(TaskShardActor));

    public ActorProxy Registry() => proxies.Create(new ActorId(RegistryActor.SingletonId), nameof(RegistryActor));

    public ActorProxy DeadLetters() => proxies.Create(new ActorId(DeadLetterActor.SingletonId), nameof(DeadLetterActor));
}
