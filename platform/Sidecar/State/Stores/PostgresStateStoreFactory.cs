using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>state.postgresql: v2 is implemented; v1 (jsonb + xmin ETags) fails fast so nobody silently gets the wrong layout.</summary>
public sealed class PostgresStateStoreFactory(TimeProvider time) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "state.postgresql" && version is "v1" or "v2";

    public async Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken)
    {
        if (resource.Version != "v2")
        {
            throw new ComponentException(resource, "only state.postgresql version v2 is supported by the local sidecar (set spec.version: v2; v1's jsonb/xmin layout is not implemented)");
        }
        return await PostgresStateStore.OpenAsync(resource, time, cancellationToken);
    }
}
