using System.Diagnostics;
using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>
/// Closed-loop load from wrk (a C load generator on epoll): far less CPU per request than the .NET
/// <see cref="LoadRunner"/>, so on a small box it takes less CPU away from the server it measures. Each case is a
/// warm-up run, then a measured run with the CPU of the named server processes over exactly that run.
/// </summary>
public static class WrkRunner
{
    public const string InstallHint = "wrk is not installed: the wrk cases were skipped (install it with `apt-get install -y wrk`).";

    /// <summary>wrk's path on PATH, or null when it is not installed.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "wrk"))
        .FirstOrDefault(File.Exists);

    public static bool IsInstalled => Executable is not null;

    /// <param name="script">What to send (method, headers, varying paths or bodies); null = GET <paramref name="url"/>.</param>
    /// <param name="cpu">Server processes whose CPU over the measured run is reported per request.</param>
    public static async Task<WrkResult> RunAsync(
        string name, Uri url, int threads, int connections, TimeSpan warmup, TimeSpan duration, WrkScript? script = null,
        params (string Name, Func<TimeSpan> Read)[] cpu)
    {
        var executable = Executable ?? throw new InvalidOperationException(InstallHint);
        var scratch = Directory.CreateTempSubdirectory("wrk-");
        try
        {
            string? scriptPath = null;
            if (script is not null)
            {
                scriptPath = Path.Combine(scratch.FullName, "requests.lua");
                await File.WriteAllTextAsync(scriptPath, script.Lua);
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[bench] {name}: wrk -t{threads} -c{connections}, {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured"));
            var warmupRequests = warmup > TimeSpan.Zero
                ? WrkOutput.Parse(await RunWrkAsync(executable, url, threads, connections, warmup, scriptPath)).Requests
                : 0;
            var meter = new CpuMeter(cpu);
            var output = await RunWrkAsync(executable, url, threads, connections, duration, scriptPath);
            var used = cpu.Length > 0 ? meter.Since() : null;
            var (elapsed, requests, perSecond, latency) = WrkOutput.Parse(output);
            return new WrkResult(name, threads, connections, elapsed, requests, perSecond, latency, used, warmupRequests);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> RunWrkAsync(string executable, Uri url, int threads, int connections, TimeSpan duration, string? scriptPath)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        foreach (var arg in new[] { Invariant($"-t{threads}"), Invariant($"-c{connections}"), Invariant($"-d{seconds}s"), "--latency" })
        {
            start.ArgumentList.Add(arg);
        }
        if (scriptPath is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(scriptPath);
        }
        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await errors}\n{await output}");
        }
        return await output;
    }
}
