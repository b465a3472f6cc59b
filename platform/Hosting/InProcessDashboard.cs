using AmazonScale.Dashboard;
using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Hosting;

/// <summary>
/// The dashboard (platform/Dashboard) inside the AppHost process, as Aspire runs its own: UI and JSON API on 18888,
/// OTLP/HTTP on the port of <see cref="AppHostOptions.OtlpEndpoint"/> (what every resource exports to), OTLP/gRPC on 18889.
/// </summary>
public sealed class InProcessDashboard(AppHostOptions options) : IDashboardHost
{
    private RunningDashboard? _running;

    public async Task<Uri> StartAsync(IResourceService resources, CancellationToken cancellationToken)
    {
        var dashboardOptions = DashboardOptions.FromEnvironment() with { OtlpHttpPort = new Uri(options.OtlpEndpoint).Port };
        _running = await DashboardHost.StartAsync(dashboardOptions, resources, cancellationToken);
        return _running.LoginUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
            _running = null;
        }
    }
}
