using System.Diagnostics;
using System.Globalization;

namespace AmazonScale.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port. PostgreSQL refuses to run as root, so when the
/// test runs as root the server binaries run as the "postgres" user through runuser.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private PostgresServer(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"host=127.0.0.1 port={Port} user=postgres password=postgres database=postgres";

    public static async Task<PostgresServer> StartAsync()
    {
        var binFolders = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")).ToArray()
            : [];
        var initdb = Infrastructure.Require("initdb", "PostgreSQL server binaries, e.g. apt-get install -y postgresql", binFolders);
        var bin = Path.GetDirectoryName(initdb)!;

        var folder = Directory.CreateTempSubdirectory("pg-test-").FullName;
        var dataFolder = Path.Combine(folder, "data");
        var isRoot = Environment.UserName == "root";
        if (isRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }
        var passwordFile = Path.Combine(folder, "pw");
        await File.WriteAllTextAsync(passwordFile, "postgres");
        if (isRoot)
        {
            await RunAsync("chown", ["postgres:postgres", passwordFile]);
        }
        await RunAsync(isRoot ? "runuser" : initdb,
            [.. isRoot ? new[] { "-u", "postgres", "--", initdb } : [], "-D", dataFolder, "-U", "postgres", "--pwfile", passwordFile, "-A", "md5", "--no-sync"]);

        var port = FreePort.Next();
        var postgres = Path.Combine(bin, "postgres");
        string[] serverArgs = ["-D", dataFolder, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"];
        var process = isRoot
            ? new ChildProcess("runuser", ["-u", "postgres", "--", postgres, .. serverArgs])
            : new ChildProcess(postgres, serverArgs);
        await process.WaitForOutputAsync("ready to accept connections", TimeSpan.FromSeconds(30));
        return new PostgresServer(process, folder, port);
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    public void Dispose()
    {
        // Killing runuser with its process tree also stops the postmaster and its backends.
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
