using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

/// <summary>Builders wired for tests: the repository's AppHost folder, the fake sidecar, short timings, captured output.</summary>
internal static class TestApplications
{
    public static readonly SupervisorSettings FastSupervision = new()
    {
        StopTimeout = TimeSpan.FromSeconds(3),
        RestartBackoff = new RestartBackoff { Initial = TimeSpan.FromMilliseconds(200), Maximum = TimeSpan.FromSeconds(2) },
        UnhealthyProbeInterval = TimeSpan.FromMilliseconds(100),
        HealthyProbeInterval = TimeSpan.FromMilliseconds(500),
    };

    public static DistributedApplicationBuilder CreateBuilder(RecordingReporter reporter, params string[] args)
    {
        var environment = new Dictionary<string, string> { [AppHostOptions.SidecarPathVariable] = RepositoryPaths.FakeSidecarDll };
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = args,
            AppHostDirectory = RepositoryPaths.AppHost,
            Configuration = RepositoryPaths.Configuration,
            Environment = name => environment.GetValueOrDefault(name),
        });
        // The dashboard's fixed ports belong to the end-to-end tests; these tests read the resource service directly.
        builder.Dashboard = null;
        builder.Supervision = FastSupervision;
        builder.Reporter = reporter;
        return builder;
    }

    /// <summary>Polls (no fixed sleeps) until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan timeout, string because)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (expiry.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {because}.");
            }
            await Task.Delay(50);
        }
    }
}
