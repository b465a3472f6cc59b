namespace AmazonScale.Hosting.Tests;

/// <summary>Locates the repository (the folder holding the .sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string AppHost => Path.Combine(Root, "AppHost");

    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string FakeSidecarDll =>
        Path.Combine(Root, "tests", "apps", "FakeSidecar", "bin", Configuration, Orchestration.ProjectOutput.TargetFramework, "FakeSidecar.dll");

    private static string FindRoot()
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
