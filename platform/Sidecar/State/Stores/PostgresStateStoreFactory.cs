using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>state.postgresql: spec.version v1 (jsonb + xmin ETags) and v2 (bytea + uuid ETags), each in its real layout.</summary>
public sealed class PostgresStateStoreFactory(TimeProvider time) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "state.postgresql" && version is "v1" or "v2";

    public async Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken) => resource.Version == "v2"
        ? await PostgresStateStore.OpenAsync(resource, time, cancellationToken)
        : await PostgresV1StateStore.OpenAsync(resource, time, cancellationToken);
}
