using System.Net;
using System.Net.Http.Json;
using AmazonScale.TestSupport;

namespace AmazonScale.EndToEnd.Tests;

/// <summary>
/// `dotnet run --project AppHost` as a user runs it: every resource healthy on the dashboard, a call from
/// hello-web to hello-api through both sidecars, its trace and console logs on the dashboard, and Ctrl+C
/// leaving no process behind.
/// </summary>
public sealed class AppHostEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Resources =
    [
        "dapr-components", "hello-api-dapr", "hello-api", "hello-web-dapr", "hello-web",
        "url-shortener-dapr", "url-shortener", "url-shortener-analytics-dapr", "url-shortener-analytics", "rate-limiter-dapr", "rate-limiter",
        "sessions-dapr", "sessions",
        "payments-dapr", "payments", "flash-sale-dapr", "flash-sale",
        "task-queue-dapr", "task-queue", "task-worker-dapr", "task-worker",
    ];

    private readonly HttpClient _dashboardHttp = new() { BaseAddress = new Uri("http://localhost:18888"), Timeout = TimeSpan.FromSeconds(10) };
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private MachineLock? _ports;
    private AppHostRun? _appHost;

    [Fact]
    public async Task Local_profile_runs_healthy_traces_a_cross_service_call_and_stops_cleanly()
    {
        var appHost = _appHost!;
        var dashboard = new DashboardApi(_dashboardHttp);
        await appHost.Process.WaitForOutputAsync("Login to the dashboard at http://localhost:18888/login?t=", StartTimeout);
        await appHost.Process.WaitForOutputAsync("Distributed application started. Press Ctrl+C to shut down.", StartTimeout);

        var resources = await Polling.UntilAsync(async () =>
        {
            var all = await dashboard.ResourcesAsync();
            return all.Count == Resources.Length && all.All(r => r is { State: "Running", Health: "Healthy" }) ? all : null;
        }, StartTimeout, "every resource Running and Healthy on /api/resources");
        Assert.Equal(Resources.Order(), resources.Select(r => r.Name).Order());
        Assert.Contains("http://localhost:5102", resources.Single(r => r.Name == "hello-web").Endpoints);

        var first = await _http.GetFromJsonAsync<Hello>("http://localhost:5102/api/v1/hello/e2e");
        var second = await _http.GetFromJsonAsync<Hello>("http://localhost:5102/api/v1/hello/e2e");
        Assert.Equal(new Hello("Hello, e2e!", 1, "hello-api"), first);
        Assert.Equal(2, second!.Count);
        var invalid = await _http.GetAsync("http://localhost:5102/api/v1/hello/not%20valid");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        await AssertUrlShortenerRedirectsAsync();

        // app → sidecar → sidecar → app: at least the two services' server spans and the sidecars' hops.
        var trace = await Polling.UntilAsync(async () =>
        {
            foreach (var item in (await dashboard.TracesAsync("hello-web")).Where(t => t.Name.Contains("/api/v1/hello/", StringComparison.Ordinal)))
            {
                if (await dashboard.TraceAsync(item.TraceId) is { } candidate
                    && candidate.Spans.Count >= 4
                    && candidate.Services.Contains("hello-web") && candidate.Services.Contains("hello-api"))
                {
                    return candidate;
                }
            }
            return null;
        }, TelemetryTimeout, "a hello-web → hello-api trace with at least 4 spans");
        Assert.Contains(trace.Spans, s => s.Service == "hello-api" && s.Name.Contains("/api/v1/greetings/", StringComparison.Ordinal));

        Assert.NotEmpty(await dashboard.ConsoleLogsAsync("hello-api"));

        int[] pids = [appHost.Process.Id, .. ProcessProbe.Descendants(appHost.Process.Id)];
        Assert.True(pids.Length >= Resources.Length, $"expected the AppHost and its {Resources.Length - 1} processes, found {pids.Length}");
        Assert.Equal(0, await appHost.InterruptAsync(TimeSpan.FromSeconds(60)));
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid), $"pid {pid} outlived the AppHost"));
    }

    public async Task InitializeAsync()
    {
        _ports = await MachineLock.AcquireAsync(MachineLock.AppHostPorts, TimeSpan.FromMinutes(5));
        _appHost = AppHostRun.Start("local");
    }

    public Task DisposeAsync()
    {
        _appHost?.Dispose();
        _ports?.Dispose();
        _http.Dispose();
        _dashboardHttp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The URL shortener as a user drives it: an API key from the admin endpoint, a short link, a 302.</summary>
    private async Task AssertUrlShortenerRedirectsAsync()
    {
        using var keyRequest = new HttpRequestMessage(HttpMethod.Post, "http://localhost:5201/api/v1/admin/api-keys") { Content = JsonContent.Create(new { name = "e2e" }) };
        keyRequest.Headers.Add("X-Admin-Key", "dev-admin-key-change-me");
        using var keyResponse = await _http.SendAsync(keyRequest);
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        var apiKey = (await keyResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("key").GetString()!;

        using var createRequest = new HttpRequestMessage(HttpMethod.Post, "http://localhost:5201/api/v1/urls") { Content = JsonContent.Create(new { url = "https://example.com/e2e?x=1" }) };
        createRequest.Headers.Add("X-Api-Key", apiKey);
        using var created = await _http.SendAsync(createRequest);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString();

        using var redirect = await _http.GetAsync($"http://localhost:5201/r/{code}");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/e2e?x=1", redirect.Headers.Location?.ToString());

        // The edge does not consume clicks: url-shortener-analytics (same app id) counts it, the edge reports it.
        await Polling.UntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:5201/api/v1/analytics/{code}");
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await _http.SendAsync(request);
            var report = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            return report.GetProperty("visits").GetInt64() + report.GetProperty("bots").GetInt64() == 1 ? report.ToString() : null;
        }, TelemetryTimeout, "the click counted by the analytics consumer");
    }

    private sealed record Hello(string Greeting, long Count, string Via);
}
