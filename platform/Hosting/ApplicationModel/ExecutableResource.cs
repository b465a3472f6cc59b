namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>
/// A program from PATH (redis-server, postgres, …). Its arguments and connection string depend on the
/// port and data folder chosen at run time, so they are callbacks rather than fixed strings.
/// </summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory) : Resource(name)
{
    public override string Type => "Executable";

    public string Command { get; } = command;

    public string WorkingDirectory { get; } = workingDirectory;

    public Func<ExecutableContext, IEnumerable<string>> Arguments { get; set; } = _ => [];

    /// <summary>Runs to completion before each start (e.g. initdb); a non-zero exit fails the start.</summary>
    public Func<ExecutableContext, CancellationToken, Task>? Prepare { get; set; }

    /// <summary>When true the executable listens on a loopback port; without an HTTP health check, readiness is a TCP connect to it.</summary>
    public bool HasEndpoint { get; set; }

    /// <summary>Fixed port for the endpoint; null allocates a free one.</summary>
    public int? EndpointPort { get; set; }

    /// <summary>Offered to referencing resources as ConnectionStrings__&lt;name&gt; and component placeholders.</summary>
    public Func<ExecutableContext, string>? ConnectionString { get; set; }

    /// <summary>Account the process runs as (through runuser) when the AppHost itself runs as root.</summary>
    public string? RunAsUser { get; set; }

    /// <summary>One-line hint printed when <see cref="Command"/> cannot be found.</summary>
    public string? InstallHint { get; set; }
}

/// <summary>What an executable learns at run time.</summary>
/// <param name="Port">Allocated endpoint port (0 when the resource has no endpoint).</param>
/// <param name="DataDirectory">An empty folder of its own under the run folder.</param>
/// <param name="ResolvedCommand">Absolute path of the command found on PATH.</param>
public sealed record ExecutableContext(int Port, string DataDirectory, string ResolvedCommand);
