using System.Diagnostics;

namespace AmazonScale.Hosting.Processes;

/// <summary>A started child process whose output goes to a <see cref="ConsoleLogBuffer"/>.</summary>
internal sealed class ManagedProcess : IDisposable
{
    /// <summary>
    /// Variables of the AppHost's own launch that would mislead a child (its URLs, its launch profile).
    /// </summary>
    public static readonly IReadOnlyList<string> NotInherited = ["ASPNETCORE_URLS", "DOTNET_LAUNCH_PROFILE", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    /// <summary>Completes with the exit code. Does not wait for grandchildren that still hold the output pipes.</summary>
    public Task<int> Exited => _exited.Task;

    public static ManagedProcess Start(LaunchSpec spec, ConsoleLogBuffer logs)
    {
        var startInfo = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var name in NotInherited)
        {
            startInfo.Environment.Remove(name);
        }
        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) => AddLine(logs, e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => AddLine(logs, e.Data, isError: true);
        process.Exited += (_, _) => managed._exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGTERM to the process tree, SIGKILL after <paramref name="grace"/>; returns once the root has exited.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_exited.Task.IsCompleted)
        {
            await ProcessTree.TerminateAsync(Pid, grace);
        }
        await _exited.Task.WaitAsync(grace + TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _process.Dispose();

    private static void AddLine(ConsoleLogBuffer logs, string? line, bool isError)
    {
        if (line is not null)
        {
            logs.Add(line, isError);
        }
    }
}
