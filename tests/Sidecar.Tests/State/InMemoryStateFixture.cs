namespace AmazonScale.Sidecar.Tests.State;

public sealed class InMemoryStateFixture : StateStoreFixture
{
    public override string ComponentType => "state.in-memory";

    protected override Task<IReadOnlyDictionary<string, string>> StartBackendAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}
