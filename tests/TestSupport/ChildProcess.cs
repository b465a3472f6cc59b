using System.Collections.Concurrent;
using System.Diagnostics;

namespace AmazonScale.TestSupport;

/// <summary>A process started by a test: output captured for diagnostics, killed (with its children) on dispose.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public ChildProcess(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Waits until a line containing <paramref name="text"/> was printed; throws with the output on timeout or exit.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before printing '{text}':\n{Output}");
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} did not print '{text}' within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL, like kill -9: no graceful shutdown, for crash tests.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _process.WaitForExitAsync(cancellationToken).ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
