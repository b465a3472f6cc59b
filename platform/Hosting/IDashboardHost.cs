using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Hosting;

/// <summary>
/// The seam between the orchestrator and the dashboard web app (platform/Dashboard): the AppHost starts it
/// with the live resources and prints the login URL it returns.
/// </summary>
public interface IDashboardHost : IAsyncDisposable
{
    /// <returns>The browser login URL, e.g. http://localhost:18888/login?t=&lt;token&gt;.</returns>
    Task<Uri> StartAsync(IResourceService resources, CancellationToken cancellationToken);
}
