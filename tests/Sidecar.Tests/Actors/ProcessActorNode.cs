using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>
/// An instance of the actor app and its sidecar as two real processes (the built ActorHost and
/// AmazonScale.Sidecar assemblies), so a test can kill -9 them; both are killed on dispose.
/// </summary>
public sealed class ProcessActorNode : IDisposable
{
    private readonly ChildProcess _app;
    private readonly ChildProcess _sidecar;

    private ProcessActorNode(ChildProcess app, ChildProcess sidecar)
    {
        _app = app;
        _sidecar = sidecar;
    }

    public static async Task<ProcessActorNode> StartAsync(ResourcesFolder resources)
    {
        var appPort = FreePort.Next();
        var sidecarPort = FreePort.Next();
        var binaries = AppContext.BaseDirectory;
        var app = new ChildProcess("dotnet", [Path.Combine(binaries, "AmazonScale.ActorHost.dll"), "--app-port", $"{appPort}", "--dapr-http-port", $"{sidecarPort}"]);
        ChildProcess? sidecar = null;
        try
        {
            sidecar = new ChildProcess("dotnet",
                [
                    Path.Combine(binaries, "AmazonScale.Sidecar.dll"), "--app-id", ActorNode.AppId, "--app-port", $"{appPort}",
                    "--dapr-http-port", $"{sidecarPort}", "--dapr-grpc-port", $"{FreePort.Next()}", "--resources-path", resources.Path,
                    "--log-level", "warn",
                ],
                new Dictionary<string, string?> { ["DAPR_LOCAL_REGISTRY"] = resources.RegistryDirectory });
            await WaitUntilReadyAsync(sidecarPort, sidecar, TimeSpan.FromSeconds(30));
            return new ProcessActorNode(app, sidecar);
        }
        catch
        {
            sidecar?.Dispose();
            app.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL both processes: no graceful shutdown, the registry entry is left behind with a dead pid.</summary>
    public void KillHard()
    {
        _sidecar.KillHard();
        _app.KillHard();
    }

    public void Dispose()
    {
        _sidecar.Dispose();
        _app.Dispose();
    }

    private static async Task WaitUntilReadyAsync(int sidecarPort, ChildProcess sidecar, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sidecarPort}/") };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !sidecar.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("v1.0/healthz");
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the sidecar process did not become ready:\n{sidecar.Output}");
    }
}
