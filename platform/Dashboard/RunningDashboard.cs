using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;

namespace AmazonScale.Dashboard;

/// <summary>A started dashboard; dispose it to stop both listeners.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    private readonly WebApplication _ui;
    private readonly WebApplication _otlp;

    internal RunningDashboard(WebApplication ui, WebApplication otlp, TelemetryStore telemetry, string browserToken)
    {
        _ui = ui;
        _otlp = otlp;
        Telemetry = telemetry;
        UiUrl = new Uri(ui.Urls.First());
        OtlpHttpUrl = new Uri(otlp.Urls.First());
        LoginUrl = new Uri(UiUrl, $"/login?t={Uri.EscapeDataString(browserToken)}");
    }

    /// <summary>Base address of the browser UI and JSON API, e.g. http://localhost:18888/.</summary>
    public Uri UiUrl { get; }

    /// <summary>Value for OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public Uri OtlpHttpUrl { get; }

    /// <summary>The link to print: "Login to the dashboard at {LoginUrl}".</summary>
    public Uri LoginUrl { get; }

    public TelemetryStore Telemetry { get; }

    public async ValueTask DisposeAsync()
    {
        await _ui.StopAsync();
        await _otlp.StopAsync();
        await _ui.DisposeAsync();
        await _otlp.DisposeAsync();
    }
}
