using System.Net;
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
}
