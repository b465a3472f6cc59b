using System.Net;
using System.Net.Http.Json;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Crash;

/// <summary>
/// The service process starts before its sidecar (as under an orchestrator that starts both at once). Its gRPC
/// channel to the sidecar then fails and backs off; /health must not say ready until a policy can be written.
/// </summary>
[Collection(ProcessCrashCollection.Name)]
public sealed class StartupReadinessTests : IDisposable
{
    private readonly ResourcesFolder _resources = Functional.Components.Write(new ResourcesFolder());
    private RateLimiterProcess? _instance;

    [Fact]
    public async Task A_service_that_reports_healthy_accepts_its_first_policy()
    {
        _instance = RateLimiterProcess.StartService(_resources);
        // The service is up and its policy loads keep failing against a sidecar that is not there yet (its gRPC
        // channel backs off further with each failed connection).
        await _instance.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        await _instance.WaitForServiceLinesAsync("Could not load policies", 4, TimeSpan.FromSeconds(60));
        await _instance.StartSidecarAsync();
        await _instance.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        using var created = await _instance.Admin.PostAsJsonAsync("api/v1/policies", new { id = "first", algorithm = "fixed_window", limit = 5, window = "1m", key = new[] { "user" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{_instance.Output}");
    }

    public void Dispose()
    {
        _instance?.Dispose();
        _resources.Dispose();
    }
}
