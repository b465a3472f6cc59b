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
    public static string SidecarDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Root(), "platform", "Sidecar", "bin", configuration, "net10.0", "AmazonScale.Sidecar.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the sidecar first: dotnet build -c {configuration} platform/Sidecar", dll);
    }
}
