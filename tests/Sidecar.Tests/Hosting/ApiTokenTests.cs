using System.Net;
using AmazonScale.TestSupport.Sidecar;
using Grpc.Core;

namespace AmazonScale.Sidecar.Tests.Hosting;

/// <summary>DAPR_API_TOKEN: every API call needs the dapr-api-token header except the health probes.</summary>
public sealed class ApiTokenTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private SidecarUnderTest _sidecar = null!;

    public async Task InitializeAsync() => _sidecar = await SidecarUnderTest.StartAsync("secured", _resources, apiToken: "s3cret");

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task Http_api_without_token_gets_401_invalid_api_token()
    {
        using var response = await _sidecar.Http.GetAsync("v1.0/metadata");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid api token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http_api_with_wrong_token_gets_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/metadata");
        request.Headers.Add("dapr-api-token", "s3creT");

        using var response = await _sidecar.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_probes_are_exempt()
    {
        using var ready = await _sidecar.Http.GetAsync("v1.0/healthz");
        using var outbound = await _sidecar.Http.GetAsync("v1.0/healthz/outbound");

        Assert.Equal(HttpStatusCode.NoContent, ready.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
    }

    [Fact]
    public async Task Sdk_with_the_token_is_accepted_on_grpc()
    {
        using var client = _sidecar.CreateClient();

        var metadata = await client.GetMetadataAsync();

        Assert.Equal("secured", metadata.Id);
    }

    [Fact]
    public async Task Grpc_without_token_is_unauthenticated()
    {
        using var client = _sidecar.CreateClient(apiToken: "");
        var builder = new Dapr.Client.DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}").UseHttpEndpoint($"http://127.0.0.1:{_sidecar.HttpPort}");
        using var anonymous = builder.Build();

        var ex = await Assert.ThrowsAsync<Dapr.DaprException>(() => anonymous.GetMetadataAsync());

        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(ex.InnerException).StatusCode);
    }
}
