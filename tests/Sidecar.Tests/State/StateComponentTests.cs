using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.State;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>Loading state components: capabilities in metadata, the actor state store lookup, no store configured.</summary>
public sealed class StateComponentTests : IDisposable
{
    private readonly ResourcesFolder _resources = new();

    [Fact]
    public async Task Metadata_lists_state_components_with_capabilities_and_the_actor_store_is_found()
    {
        WriteInMemory("actors", actorStateStore: true);
        WriteInMemory("cache", actorStateStore: false);
        await using var sidecar = await SidecarUnderTest.StartAsync("app", _resources);

        var metadata = await sidecar.Http.GetFromJsonAsync<JsonElement>("v1.0/metadata");
        var components = metadata.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("capabilities").EnumerateArray().Select(x => x.GetString()).ToList());
        var actorStore = sidecar.Services.GetRequiredService<ActorStateStoreLocator>().Require();

        Assert.Equal(["ETAG", "TRANSACTIONAL", "TTL", "ACTOR"], components["actors"]);
        Assert.Equal(["ETAG", "TRANSACTIONAL", "TTL"], components["cache"]);
        Assert.Equal("actors", actorStore.Name);
    }

    [Fact]
    public async Task Two_actor_state_stores_fail_start_up()
    {
        WriteInMemory("one", actorStateStore: true);
        WriteInMemory("two", actorStateStore: true);

        var error = await Assert.ThrowsAsync<ComponentException>(() => SidecarUnderTest.StartAsync("app", _resources));

        Assert.Contains("duplicate actor state store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_literal_key_prefix_containing_the_separator_fails_start_up()
    {
        _resources.Write("bad.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: bad
            spec:
              type: state.in-memory
              version: v1
              metadata:
              - name: keyPrefix
                value: "a||b"
            """);

        await Assert.ThrowsAsync<ComponentException>(() => SidecarUnderTest.StartAsync("app", _resources));
    }

    [Fact]
    public async Task Without_state_components_the_api_says_not_configured()
    {
        await using var sidecar = await SidecarUnderTest.StartAsync("app", _resources);

        using var response = await sidecar.Http.GetAsync("v1.0/state/statestore/k");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("ERR_STATE_STORE_NOT_CONFIGURED", body.GetProperty("errorCode").GetString());
        Assert.Null(sidecar.Services.GetRequiredService<ActorStateStoreLocator>().Find());
    }

    private void WriteInMemory(string name, bool actorStateStore) => _resources.Write($"{name}.yaml", $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: state.in-memory
          version: v1
          metadata:
          - name: actorStateStore
            value: "{(actorStateStore ? "true" : "false")}"
        """);

    public void Dispose() => _resources.Dispose();
}
