using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Discovery;

/// <summary>
/// Machine-wide registry of running sidecars: one JSON file per sidecar in a shared folder, rewritten
/// every second as a heartbeat. An entry counts as live while its process exists and its heartbeat is
/// recent, so a sidecar killed with -9 disappears from every peer's view within one heartbeat timeout.
/// </summary>
public sealed class LocalRegistry : BackgroundService
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SnapshotMaxAge = TimeSpan.FromMilliseconds(100);

    private readonly string _folder;
    private readonly string _ownFile;
    private readonly ILogger<LocalRegistry> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private SidecarInstance _self;
    private IReadOnlyList<SidecarInstance> _snapshot = [];
    private DateTimeOffset _snapshotAt = DateTimeOffset.MinValue;
    private DateTimeOffset _selfChangedAt = DateTimeOffset.MinValue;

    public LocalRegistry(Hosting.SidecarOptions options, ILogger<LocalRegistry> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _folder = Path.Combine(options.RegistryDirectory, "instances");
        Directory.CreateDirectory(_folder);
        var instanceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        _ownFile = Path.Combine(_folder, $"{options.AppId}.{instanceId}.json");
        _self = new SidecarInstance
        {
            AppId = options.AppId,
            InstanceId = instanceId,
            Pid = Environment.ProcessId,
            HttpPort = options.HttpPort,
            GrpcPort = options.GrpcPort,
            AppPort = options.AppPort,
            StartedAt = time.GetUtcNow(),
        };
    }

    public SidecarInstance Self
    {
        get { lock (_gate) { return _self; } }
    }

    /// <summary>Raised after this sidecar's own entry changed (readiness, actor types).</summary>
    public event Action? SelfChanged;

    public void UpdateSelf(Func<SidecarInstance, SidecarInstance> change)
    {
        lock (_gate)
        {
            _self = change(_self);
        }
        WriteSelf();
        lock (_gate)
        {
            _selfChangedAt = _time.GetUtcNow();
        }
        Invalidate();
        SelfChanged?.Invoke();
    }

    /// <summary>
    /// Completes once every peer's view of the machine includes this sidecar's latest entry: a peer re-reads the folder
    /// when its snapshot is older than <see cref="SnapshotMaxAge"/>, so after that long since the entry was written no
    /// peer can still route by an older copy. Readiness waits for it, so a subscriber that reports ready gets every
    /// message published from then on (a publisher's cached view would otherwise miss it for a moment).
    /// </summary>
    public Task WhenVisibleToPeersAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset changedAt;
        lock (_gate)
        {
            changedAt = _selfChangedAt;
        }
        var remaining = changedAt + SnapshotMaxAge - _time.GetUtcNow();
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Every live sidecar of the machine, this one included, ordered by app id then instance id.</summary>
    public IReadOnlyList<SidecarInstance> LiveInstances()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _snapshotAt < SnapshotMaxAge)
            {
                return _snapshot;
            }
            _snapshot = ReadAll(now);
            _snapshotAt = now;
            return _snapshot;
        }
    }

    public IReadOnlyList<SidecarInstance> ReadyInstancesOf(string appId) =>
        LiveInstances().Where(i => i.Ready && string.Equals(i.AppId, appId, StringComparison.Ordinal)).ToList();

    /// <summary>Forces the next read to look at the folder again, e.g. after a peer call failed.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshotAt = DateTimeOffset.MinValue;
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        WriteSelf();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Heartbeats run on a thread of their own: on a starved thread pool (a busy test process hosting in-process
    /// sidecars, a saturated service) a timer callback could wait past <see cref="StaleAfter"/>, and every peer would
    /// then drop this live sidecar from its view until the next heartbeat got through.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() =>
        {
            while (!stoppingToken.WaitHandle.WaitOne(HeartbeatInterval))
            {
                WriteSelf();
            }
        }, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            File.Delete(_ownFile);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not remove registry entry {File}", _ownFile);
        }
    }

    /// <summary>
    /// Heartbeats and <see cref="UpdateSelf"/> write from different threads; one writer at a time keeps a heartbeat
    /// that read the entry before an update from renaming its older copy over the updated file (and both from
    /// sharing the temp file).
    /// </summary>
    private void WriteSelf()
    {
        lock (_writeGate)
        {
            SidecarInstance snapshot;
            lock (_gate)
            {
                _self = _self with { HeartbeatAt = _time.GetUtcNow() };
                snapshot = _self;
            }
            var temp = _ownFile + ".tmp";
            try
            {
                File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(snapshot));
                // Rename is atomic on one file system, so readers never see a half-written entry.
                File.Move(temp, _ownFile, overwrite: true);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not write registry heartbeat to {File}", _ownFile);
            }
        }
    }

    private List<SidecarInstance> ReadAll(DateTimeOffset now)
    {
        var result = new List<SidecarInstance>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
        {
            SidecarInstance? instance;
            try
            {
                instance = JsonSerializer.Deserialize<SidecarInstance>(File.ReadAllBytes(file));
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                continue;
            }
            if (instance is null)
            {
                continue;
            }
            if (now - instance.HeartbeatAt > StaleAfter || !ProcessExists(instance.Pid))
            {
                TryDeleteStale(file);
                continue;
            }
            result.Add(instance);
        }
        result.Sort((a, b) =>
        {
            var byApp = string.CompareOrdinal(a.AppId, b.AppId);
            return byApp != 0 ? byApp : string.CompareOrdinal(a.InstanceId, b.InstanceId);
        });
        return result;
    }

    private static bool ProcessExists(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDeleteStale(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another sidecar removed it first.
        }
    }
}
