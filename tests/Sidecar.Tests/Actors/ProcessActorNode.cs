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
    private readonly SidecarProcess _sidecar;

    private ProcessActorNode(ChildProcess app, SidecarProcess sidecar)
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
        try
        {
            var sidecar = await SidecarProcess.StartAsync(ActorNode.AppId, resources, appPort, sidecarPort);
            return new ProcessActorNode(app, sidecar);
        }
        catch
        {
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
}
