using System.Net;
using AmazonScale.TestSupport.Sidecar;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>With DAPR_API_TOKEN set the state API needs the token; DaprClient.SaveBulkStateAsync sends none, so daprd (and we) reject it.</summary>
public sealed class StateApiTokenTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private SidecarUnderTest _sidecar = null!;

    public async Task InitializeAsync()
    {
        _resources.Write("statestore.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
            """);
        _sidecar = await SidecarUnderTest.StartAsync("secured", _resources, apiToken: "s3cret");
    }

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task Save_with_the_token_works_but_save_bulk_without_it_is_unauthenticated()
    {
        using var client = _sidecar.CreateClient();

        await client.SaveStateAsync("statestore", "k", 1);
        var bulk = await Assert.ThrowsAnyAsync<Exception>(() => client.SaveBulkStateAsync("statestore", [new SaveStateItem<int>("k", 2, "")]));

        var rpc = bulk as RpcException ?? bulk.InnerException as RpcException;
        Assert.Equal(StatusCode.Unauthenticated, rpc?.StatusCode);
        Assert.Equal(1, await client.GetStateAsync<int>("statestore", "k"));
    }

    [Fact]
    public async Task Http_state_api_without_the_token_is_401()
    {
        using var response = await _sidecar.Http.GetAsync("v1.0/state/statestore/k");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
