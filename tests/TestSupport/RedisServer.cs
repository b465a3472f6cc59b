namespace AmazonScale.TestSupport;

/// <summary>A throwaway redis-server on a free loopback port with its data in a temp folder.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private RedisServer(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts a server, or skips the test (fails under CI=true) when redis-server is not installed.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var binary = Infrastructure.Require("redis-server", "apt-get install -y redis-server");
        var folder = Directory.CreateTempSubdirectory("redis-test-").FullName;
        var port = FreePort.Next();
        var process = new ChildProcess(binary,
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", folder, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes",
        ]);
        await process.WaitForOutputAsync("Ready to accept connections", TimeSpan.FromSeconds(20));
        return new RedisServer(process, folder, port);
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
