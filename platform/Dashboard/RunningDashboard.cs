using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;

namespace AmazonScale.Dashboard;

/// <summary>A started dashboard; dispose it to stop both listeners.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    private readonly WebApplication _ui;
    private readonly WebApplication _otlpHttp;
    private readonly WebApplication _otlpGrpc;

    internal RunningDashboard(WebApplication ui, WebApplication otlpHttp, WebApplication otlpGrpc, TelemetryStore telemetry, string browserToken)
    {
        _ui = ui;
        _otlpHttp = otlpHttp;
        _otlpGrpc = otlpGrpc;
        Telemetry = telemetry;
        UiUrl = new Uri(ui.Urls.First());
        OtlpHttpUrl = new Uri(otlpHttp.Urls.First());
        OtlpGrpcUrl = new Uri(otlpGrpc.Urls.First());
        LoginUrl = new Uri(UiUrl, $"/login?t={Uri.EscapeDataString(browserToken)}");
    }

    /// <summary>Base address of the browser UI and JSON API, e.g. http://localhost:18888/.</summary>
    public Uri UiUrl { get; }

    /// <summary>Value for OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public Uri OtlpHttpUrl { get; }

    /// <summary>Value for OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=grpc (the SDK default).</summary>
    public Uri OtlpGrpcUrl { get; }

    /// <summary>The link to print: "Login to the dashboard at {LoginUrl}".</summary>
    public Uri LoginUrl { get; }

    public TelemetryStore Telemetry { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _ui, _otlpHttp, _otlpGrpc })
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
