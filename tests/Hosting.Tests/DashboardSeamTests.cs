using AmazonScale.Dashboard.Resources;
using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

/// <summary>How the AppHost starts whatever dashboard it is given: before the resources, with their live state.</summary>
public sealed class DashboardSeamTests
{
    [Fact]
    public async Task Dashboard_gets_the_resources_and_its_login_url_is_printed()
    {
        var reporter = new RecordingReporter();
        var builder = TestApplications.CreateBuilder(reporter);
        var dashboard = new RecordingDashboard(new Uri("http://localhost:18888/login?t=abc"));
        builder.Dashboard = dashboard;
        builder.AddExecutable("worker", "sleep", ".", "300");
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Same(app.Resources, dashboard.Resources);
        Assert.Equal(["worker"], dashboard.Resources!.GetResources().Select(r => r.Name));
        Assert.Equal("Login to the dashboard at http://localhost:18888/login?t=abc", reporter.Lines[0]);
        await app.StopAsync();
        Assert.True(dashboard.Disposed);
    }

    [Fact]
    public async Task Busy_dashboard_port_is_a_start_problem_not_a_crash()
    {
        var builder = TestApplications.CreateBuilder(new RecordingReporter());
        builder.Dashboard = new RecordingDashboard(failure: new IOException("Address already in use"));
        builder.AddExecutable("worker", "sleep", ".", "300");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Equal("The dashboard cannot listen (Address already in use); is another AppHost running?", error.Problems.Single());
        Assert.Equal(ResourceStates.NotStarted, app.Resources.GetResources().Single().State);
    }

    private sealed class RecordingDashboard(Uri? loginUrl = null, IOException? failure = null) : IDashboardHost
    {
        public IResourceService? Resources { get; private set; }

        public bool Disposed { get; private set; }

        public Task<Uri> StartAsync(IResourceService resources, CancellationToken cancellationToken)
        {
            Resources = resources;
            return failure is null ? Task.FromResult(loginUrl!) : Task.FromException<Uri>(failure);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
