using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The built sidecar run as its own process (dotnet AmazonScale.Sidecar.dll), so a test can kill it with -9.</summary>
public sealed class SidecarProcess : IDisposable
{
    private readonly ChildProcess _process;

    private SidecarProcess(ChildProcess process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public static async Task<SidecarProcess> StartAsync(string appId, int appPort, ResourcesFolder resources)
    {
        var httpPort = FreePort.Next();
        var process = new ChildProcess("dotnet",
        [
            BuiltArtifacts.SidecarAssembly, "--app-id", appId, "--app-port", appPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dapr-http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dapr-grpc-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--resources-path", resources.Path,
        ],
        new Dictionary<string, string?> { ["DAPR_LOCAL_REGISTRY"] = resources.RegistryDirectory });
        var sidecar = new SidecarProcess(process, httpPort);
        try
        {
            await process.WaitForOutputAsync("dapr initialized. Status: Running", TimeSpan.FromSeconds(30));
        }
        catch
        {
            sidecar.Dispose();
            throw;
        }
        return sidecar;
    }

    public string Output => _process.Output;

    public void KillHard() => _process.KillHard();

    public void Dispose() => _process.Dispose();
}
