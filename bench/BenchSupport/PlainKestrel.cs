using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Bench;

/// <summary>
/// The plain Kestrel baseline of a bench, two ways: inside the load generator's own process (no process boundary,
/// client and server share one thread pool) and as its own process — the bench executable started again with
/// <see cref="ServeFlag"/> — which crosses the same process boundary on the same cores as the service under test.
/// </summary>
public static class PlainKestrel
{
    public const string ServeFlag = "--serve-plain-kestrel";

    /// <summary>In the child: when started with <see cref="ServeFlag"/> PORT, serves <paramref name="map"/> until killed and returns true.</summary>
    public static async Task<bool> ServeIfAskedAsync(string[] args, Action<WebApplication> map)
    {
        if (args is not [ServeFlag, var port])
        {
            return false;
        }
        await using var app = Build(int.Parse(port, CultureInfo.InvariantCulture), map);
        await app.RunAsync();
        return true;
    }

    public static async Task<WebApplication> StartInProcessAsync(int port, Action<WebApplication> map)
    {
        var app = Build(port, map);
        await app.StartAsync();
        return app;
    }

    /// <summary>The bench executable as a child process serving its baseline on <paramref name="port"/>; killed on dispose.</summary>
    public static async Task<Child> StartProcessAsync(int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add(ServeFlag);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[plain-kestrel] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new Child(process);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        new Child(process).Dispose();
        throw new InvalidOperationException("the plain Kestrel baseline process did not start listening");
    }

    /// <summary>The baseline's process; killed on dispose.</summary>
    public sealed class Child(Process process) : IDisposable
    {
        /// <summary>CPU the baseline has used so far (user + system).</summary>
        public TimeSpan TotalProcessorTime => process.TotalProcessorTime;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            process.Dispose();
        }
    }

    private static WebApplication Build(int port, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        var app = builder.Build();
        map(app);
        return app;
    }
}
