using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

public sealed class SqliteStateStoreFactory(TimeProvider time) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "state.sqlite" && version == "v1";

    public async Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken) =>
        await SqliteStateStore.OpenAsync(resource, time, cancellationToken);
}
