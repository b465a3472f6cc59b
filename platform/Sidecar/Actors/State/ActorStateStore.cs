using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Actors.State;

/// <summary>
/// Finds the state component marked actorStateStore: "true" (the one store daprd uses for actor state);
/// without one, actor state calls fail with ERR_ACTOR_RUNTIME_NOT_FOUND.
/// </summary>
public sealed class ActorStateStore(ComponentRegistry components)
{
    private IStateStore? _store;

    public IStateStore? TryGet() =>
        _store ??= components.All<IStateStore>().Where(c => c.Resource.GetBool("actorStateStore")).Select(c => c.Instance).FirstOrDefault();

    public IStateStore Get() => TryGet() ?? throw ActorErrors.RuntimeNotFound().ToException();
}
