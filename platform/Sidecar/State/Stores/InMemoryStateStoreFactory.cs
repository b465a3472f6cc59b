using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

public sealed class InMemoryStateStoreFactory(TimeProvider time) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "state.in-memory" && version == "v1";

    public Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken) =>
        Task.FromResult<object>(new InMemoryStateStore(time, StateCapabilities.Of(resource)));
}
