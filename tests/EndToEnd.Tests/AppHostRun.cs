using AmazonScale.TestSupport;

namespace AmazonScale.EndToEnd.Tests;

/// <summary>The built AppHost started as a user would (`dotnet AppHost.dll`), with anonymous dashboard access.</summary>
internal sealed class AppHostRun : IDisposable
{
    private AppHostRun(ChildProcess process)
    {
        Process = process;
    }

    public ChildProcess Process { get; }

    public static AppHostRun Start(string profile)
    {
        var appHostDll = Path.Combine(RepositoryRoot(), "AppHost", "bin", Configuration(), "net10.0", "AppHost.dll");
        return new AppHostRun(new ChildProcess("dotnet", [appHostDll, "--profile", profile], new Dictionary<string, string?>
        {
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        }));
    }

    /// <summary>Ctrl+C: SIGINT to the AppHost only, which must take its whole process tree down.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", Process.Id.ToString()])!;
        await kill.WaitForExitAsync();
        using var expiry = new CancellationTokenSource(timeout);
        return await Process.WaitForExitAsync(expiry.Token);
    }

    public void Dispose() => Process.Dispose();

    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AmazonScale.Aspire.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("AmazonScale.Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
