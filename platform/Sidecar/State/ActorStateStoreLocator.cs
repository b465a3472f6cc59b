using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// Finds the state component with metadata actorStateStore: "true" (the catalog already refused a second one at
/// start-up, as daprd does). Keys passed to that store are used verbatim (appid||type||id||key), so the
/// component's keyPrefix does not apply to actor state.
/// </summary>
public sealed class ActorStateStoreLocator(StateStoreCatalog catalog)
{
    /// <summary>The actor state store, or null when none is configured (actors then cannot keep state).</summary>
    public ConfiguredStateStore? Find() => catalog.All.SingleOrDefault(s => s.IsActorStateStore);

    /// <summary>The actor state store, or daprd's error telling the user how to configure one.</summary>
    public ConfiguredStateStore Require() => Find() ?? throw new DaprError("ERR_ACTOR_RUNTIME_NOT_FOUND", 500, StatusCode.Internal,
        "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?").ToException();
}
