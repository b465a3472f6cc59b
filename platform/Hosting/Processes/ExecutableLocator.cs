namespace AmazonScale.Hosting.Processes;

/// <summary>Finds a command the way a shell would, plus the versioned folders Debian installs PostgreSQL into.</summary>
internal static class ExecutableLocator
{
    public static string? Find(string command)
    {
        if (Path.IsPathRooted(command))
        {
            return IsExecutable(command) ? command : null;
        }

        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(PostgresBinDirectories());
        return searchPath.Select(directory => Path.Combine(directory, command)).FirstOrDefault(IsExecutable);
    }

    private static IEnumerable<string> PostgresBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderDescending().Select(version => Path.Combine(version, "bin"))
            : [];
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);
}
