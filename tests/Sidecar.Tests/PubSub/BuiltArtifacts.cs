namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>Where the build put the programs that process-level tests start (same configuration as the tests).</summary>
public static class BuiltArtifacts
{
    private static readonly string TestOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>tests/apps/PubSubSubscriber, built through a ProjectReference that does not copy it here.</summary>
    public static string PubSubSubscriberAssembly
    {
        get
        {
            var framework = Path.GetFileName(TestOutput);
            var configuration = Path.GetFileName(Path.GetDirectoryName(TestOutput)!);
            return Path.Combine(RepositoryRoot, "tests", "apps", "PubSubSubscriber", "bin", configuration, framework, "PubSubSubscriber.dll");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(TestOutput); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AmazonScale.Aspire.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no AmazonScale.Aspire.sln above {TestOutput}");
    }
}
