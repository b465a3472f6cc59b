namespace AmazonScale.Bench;

public static class RepositoryPaths
{
    /// <summary>The folder holding AmazonScale.Aspire.sln, found by walking up from the working directory.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AmazonScale.Aspire.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    /// <summary>The sidecar built in the same configuration as the running bench (the bench's project reference builds it).</summary>
    public static string SidecarDll() => BuiltDll(Path.Combine("platform", "Sidecar"), "AmazonScale.Sidecar.dll");

    /// <summary>An app built in the same configuration as the running bench, e.g. BuiltDll("services/Sessions", "AmazonScale.Sessions.dll").</summary>
    public static string BuiltDll(string projectFolder, string assemblyFile)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Root(), projectFolder, "bin", configuration, "net10.0", assemblyFile);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build it first: dotnet build -c {configuration} {projectFolder}", dll);
    }
}
