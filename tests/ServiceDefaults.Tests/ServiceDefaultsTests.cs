using System.Net;
using System.Net.Sockets;
using System.Text;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public async Task Health_is_unhealthy_without_a_sidecar_but_alive_stays_healthy()
    {
        await using var service = await ServiceUnderTest.StartAsync(daprHttpPort: FreePort.Next());

        using var health = await service.Http.GetAsync("health");
        using var alive = await service.Http.GetAsync("alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Health_is_healthy_once_the_sidecar_answers()
    {
        using var resources = new ResourcesFolder();
        await using var sidecar = await SidecarUnderTest.StartAsync("defaults", resources);
        await using var service = await ServiceUnderTest.StartAsync(sidecar.HttpPort);

        using var health = await service.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task App_api_token_guards_sidecar_only_endpoints()
    {
        await using var service = await ServiceUnderTest.StartAsync(FreePort.Next(), appApiToken: "app-token");

        using var forged = await service.Http.PostAsync("orders", new StringContent("{}"));
        using var subscribe = await service.Http.GetAsync("dapr/subscribe");
        using var publicEndpoint = await service.Http.GetAsync("public");
        using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/subscribe");
        request.Headers.Add("dapr-api-token", "app-token");
        using var fromSidecar = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, subscribe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publicEndpoint.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromSidecar.StatusCode);
        Assert.Contains("\"orders\"", await fromSidecar.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outside_development_a_small_share_of_new_traces_is_recorded_and_sampled_parents_are_followed()
    {
        await using var service = await ServiceUnderTest.StartAsync(FreePort.Next());

        var recorded = 0;
        for (var request = 0; request < 300; request++)
        {
            recorded += await IsRecordedAsync(service, traceparent: null) ? 1 : 0;
        }

        // 1% of 300 is 3; 30 would be a 10% sampler, far outside the binomial spread.
        Assert.InRange(recorded, 0, 30);
        Assert.True(await IsRecordedAsync(service, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Assert.False(await IsRecordedAsync(service, "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-00"));
    }

    [Fact]
    public async Task Development_records_every_trace()
    {
        await using var service = await ServiceUnderTest.StartAsync(FreePort.Next(), environment: "Development");

        for (var request = 0; request < 20; request++)
        {
            Assert.True(await IsRecordedAsync(service, traceparent: null));
        }
    }

    [Fact]
    public async Task The_standard_sampler_setting_wins_over_the_default()
    {
        await using var service = await ServiceUnderTest.StartAsync(
            FreePort.Next(), settings: new Dictionary<string, string> { ["OTEL_TRACES_SAMPLER"] = "always_on" });

        for (var request = 0; request < 20; request++)
        {
            Assert.True(await IsRecordedAsync(service, traceparent: null));
        }
    }

    /// <summary>
    /// Asks over a raw socket (HTTP/1.0: no chunked body), like a client in another process: HttpClient in this process would run through the
    /// test host's own tracing, which writes its own traceparent over the one given.
    /// </summary>
    private static async Task<bool> IsRecordedAsync(ServiceUnderTest service, string? traceparent)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, service.Port);
        await using var stream = client.GetStream();
        var header = traceparent is null ? "" : $"traceparent: {traceparent}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /recorded HTTP/1.0\r\nHost: localhost\r\n{header}\r\n\r\n"));
        var response = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 200", response);
        return bool.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}
