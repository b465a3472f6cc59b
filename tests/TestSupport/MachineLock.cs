namespace AmazonScale.TestSupport;

/// <summary>
/// A lock shared by every process on the machine, for tests in different test assemblies (which `dotnet test`
/// runs in parallel) that need the same fixed ports, e.g. the AppHost's launch-profile and dashboard ports.
/// </summary>
public sealed class MachineLock : IDisposable
{
    /// <summary>Held by every test that starts the sample AppHost model (ports 5101, 5102, 18888-18890).</summary>
    public const string AppHostPorts = "apphost-ports";

    private readonly FileStream _lockFile;

    private MachineLock(FileStream lockFile)
    {
        _lockFile = lockFile;
    }

    public static async Task<MachineLock> AcquireAsync(string name, TimeSpan timeout)
    {
        var path = Path.Combine(Path.GetTempPath(), $"amazonscale-{name}.lock");
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) that other .NET processes respect.
                return new MachineLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!expiry.IsCancellationRequested)
            {
                await Task.Delay(200);
            }
        }
    }

    public void Dispose() => _lockFile.Dispose();
}
