namespace AmazonScale.Hosting.Processes;

/// <summary>Everything needed to start one process.</summary>
/// <param name="Environment">Set on top of the AppHost's own environment (minus <see cref="ManagedProcess.NotInherited"/>).</param>
public sealed record LaunchSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
