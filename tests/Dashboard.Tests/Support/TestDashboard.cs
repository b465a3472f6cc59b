using System.Net;
using System.Net.Http.Headers;
using AmazonScale.Dashboard.Telemetry;

namespace AmazonScale.Dashboard.Tests.Support;

/// <summary>A dashboard on free loopback ports with a fake orchestrator, plus clients for its three audiences.</summary>
public sealed class TestDashboard : IAsyncDisposable
{
    private TestDashboard(RunningDashboard dashboard, FakeResourceService resources, string token)
    {
        Dashboard = dashboard;
        Resources = resources;
        Token = token;
        Api = new HttpClient { BaseAddress = dashboard.UiUrl };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Cookies = new CookieContainer();
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = dashboard.UiUrl };
        Otlp = new HttpClient { BaseAddress = dashboard.OtlpHttpUrl };
    }

    public RunningDashboard Dashboard { get; }

    public FakeResourceService Resources { get; }

    public string Token { get; }

    /// <summary>Authenticated with the bearer token, like a script or CI job.</summary>
    public HttpClient Api { get; }

    /// <summary>No credentials, no redirect following, a cookie jar: behaves like a fresh browser.</summary>
    public HttpClient Browser { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Otlp { get; }

    public TelemetryStore Telemetry => Dashboard.Telemetry;

    public static async Task<TestDashboard> StartAsync(bool allowAnonymous = false, TelemetryLimits? limits = null, string? otlpApiKey = null)
    {
        var options = new DashboardOptions
        {
            UiPort = 0,
            OtlpHttpPort = 0,
            OtlpGrpcPort = 0,
            AllowAnonymous = allowAnonymous,
            OtlpApiKey = otlpApiKey,
            Limits = limits ?? new TelemetryLimits(),
        };
        var resources = new FakeResourceService();
        var dashboard = await DashboardHost.StartAsync(options, resources, CancellationToken.None);
        return new TestDashboard(dashboard, resources, options.BrowserToken);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Browser.Dispose();
        Otlp.Dispose();
        await Dashboard.DisposeAsync();
    }
}
