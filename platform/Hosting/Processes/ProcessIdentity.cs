namespace AmazonScale.Hosting.Processes;

/// <summary>Runs a command as another account when (and only when) the AppHost runs as root.</summary>
internal static class ProcessIdentity
{
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root";

    public static (string File, IReadOnlyList<string> Arguments) RunAs(string? account, string file, IReadOnlyList<string> arguments) =>
        account is not null && IsRoot
            ? ("runuser", ["-u", account, "--", file, .. arguments])
            : (file, arguments);
}
