using AmazonScale.Dashboard.Resources;
using AmazonScale.Dashboard.Telemetry;
using AmazonScale.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace AmazonScale.Dashboard.Tests;

/// <summary>
/// Drives the real UI in headless Chromium (the Debian package; Playwright never downloads a browser here):
/// token login, every resource Running, a stop button reaching the orchestrator, and a cross-service trace waterfall. Leaves docs/dashboard.png behind.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync"];

    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [SkippableFact]
    public async Task Logged_in_user_sees_every_resource_running_and_a_trace_waterfall_across_services()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{ChromiumPath} is missing; CI must install it (apt-get install -y chromium).");
            Skip.If(true, $"{ChromiumPath} is missing; install it with: apt-get install -y chromium");
        }

        var traceId = SeedCrossServiceTrace();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 800 } });
        page.SetDefaultTimeout(15_000);

        await page.GotoAsync(_dashboard.Dashboard.LoginUrl.ToString());
        var rows = page.Locator("#resources tr[data-resource]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        foreach (var resource in _dashboard.Resources.GetResources())
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{resource.Name}'] .badge").First).ToHaveTextAsync("Running");
        }

        await page.Locator("tr[data-resource='inventory'] button[data-command='stop']").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-resource='inventory'] .badge").First).ToHaveTextAsync("Exited");
        Assert.Contains(("inventory", ResourceCommand.Stop), _dashboard.Resources.ReceivedCommands);

        await page.Locator(".sidebar a[data-page='traces']").ClickAsync();
        await page.Locator($"#traces a[href='#/traces/{traceId}']").ClickAsync();
        var spans = page.Locator("#waterfall .span-row");
        await Assertions.Expect(spans).ToHaveCountAsync(4);
        Assert.Equal(
            ["orders", "orders-dapr", "inventory-dapr", "inventory"],
            await spans.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.service)"));
        var bars = await page.Locator("#waterfall .span-bar").EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBoundingClientRect().width)");
        Assert.True(bars[0] > bars[3], "The root span's bar is wider than the innermost span's.");

        await spans.Nth(2).ClickAsync();
        await Assertions.Expect(page.Locator("#span-detail")).ToContainTextAsync("dapr.api");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "dashboard.png"), FullPage = true });
    }

    /// <summary>orders → its sidecar → inventory's sidecar → inventory: the path of a Dapr service invocation.</summary>
    private string SeedCrossServiceTrace()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var start = DateTimeOffset.UtcNow.AddSeconds(-2);
        SpanData Span(string id, string? parent, string service, string name, SpanKind kind, double offsetMs, double durationMs, Dictionary<string, string> attributes) =>
            new(traceId, id, parent, name, kind, start.AddMilliseconds(offsetMs), start.AddMilliseconds(offsetMs + durationMs),
                SpanStatusCode.Unset, null, service, $"{service}-1", "Microsoft.AspNetCore", attributes, [], []);

        _dashboard.Telemetry.AddSpans([
            Span("00f067aa0ba902b7", null, "orders", "POST /api/v1/orders", SpanKind.Server, 0, 42, new() { ["http.request.method"] = "POST", ["http.route"] = "/api/v1/orders" }),
            Span("00f067aa0ba902b8", "00f067aa0ba902b7", "orders-dapr", "CallLocal/inventory/reserve", SpanKind.Client, 4, 30, new() { ["dapr.api"] = "/v1.0/invoke/inventory/method/reserve" }),
            Span("00f067aa0ba902b9", "00f067aa0ba902b8", "inventory-dapr", "CallLocal/reserve", SpanKind.Server, 8, 24, new() { ["dapr.api"] = "/v1.0/invoke/inventory/method/reserve" }),
            Span("00f067aa0ba902ba", "00f067aa0ba902b9", "inventory", "POST /reserve", SpanKind.Server, 12, 15, new() { ["http.response.status_code"] = "200" }),
        ]);
        return traceId;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AmazonScale.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
