using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// Finds the one state component with metadata actorStateStore: "true", as daprd requires for actors. Keys
/// passed to that store are used verbatim (appid||type||id||key), so the component's keyPrefix does not apply.
/// </summary>
public sealed class ActorStateStoreLocator(StateStoreCatalog catalog)
{
    /// <summary>The actor state store, or null when none is configured (actors then cannot keep state).</summary>
    public ConfiguredStateStore? Find()
    {
        var candidates = catalog.All.Where(s => s.IsActorStateStore).ToList();
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new DaprError("ERR_ACTOR_RUNTIME_NOT_FOUND", 500, StatusCode.Internal,
                $"exactly one state store may set actorStateStore: \"true\", found {string.Join(", ", candidates.Select(c => c.Name))}").ToException(),
        };
    }

    /// <summary>The actor state store, or daprd's error telling the user how to configure one.</summary>
    public ConfiguredStateStore Require() => Find() ?? throw new DaprError("ERR_ACTOR_RUNTIME_NOT_FOUND", 500, StatusCode.Internal,
        "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?").ToException();
}
