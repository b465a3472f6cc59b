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

    /// <summary>A view younger than this is served as is; an older one is served while a background read replaces it.</summary>
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The oldest view ever served (counted from when its read began); past it a caller reads the folder itself. Reads
    /// stay off callers' threads unless one is slower than this, and peers still see a change within a known time.
    /// </summary>
    private static readonly TimeSpan StaleLimit = TimeSpan.FromMilliseconds(500);

    private readonly string _folder;
    private readonly string _ownFile;
    private readonly ILogger<LocalRegistry> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private readonly Lock _readGate = new();
    private SidecarInstance _self;
    private View _view = new([], DateTimeOffset.MinValue, Generation: 0);
    private long _generation;
    private int _refreshing;
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
    /// Completes once every peer's view of the machine includes this sidecar's latest entry: no peer serves a view
    /// whose read began more than <see cref="StaleLimit"/> ago, so after that long since the entry was written no peer
    /// can still route by an older copy. Readiness waits for it, so a subscriber that reports ready gets every message
    /// published from then on (a publisher's cached view would otherwise miss it for a moment).
    /// </summary>
    public Task WhenVisibleToPeersAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset changedAt;
        lock (_gate)
        {
            changedAt = _selfChangedAt;
        }
        var remaining = changedAt + StaleLimit - _time.GetUtcNow();
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Every live sidecar of the machine, this one included, ordered by app id then instance id. Every actor call and
    /// publish asks, so the folder is read off the caller's thread: one slow read (the disk, or a reader descheduled on
    /// a saturated machine) used to hold every actor call and publish of the sidecar behind it.
    /// </summary>
    public IReadOnlyList<SidecarInstance> LiveInstances()
    {
        var view = Volatile.Read(ref _view);
        if (!IsServable(view, StaleLimit))
        {
            return ReadWhileCallerWaits();
        }
        if (!IsServable(view, RefreshAfter))
        {
            RefreshInBackground();
        }
        return view.Instances;
    }

    public IReadOnlyList<SidecarInstance> ReadyInstancesOf(string appId) =>
        LiveInstances().Where(i => i.Ready && string.Equals(i.AppId, appId, StringComparison.Ordinal)).ToList();

    /// <summary>Makes the next caller read the folder itself, e.g. after a peer call failed: no view read before now is served.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

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

    private void RefreshInBackground()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                Read();
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not read the registry folder {Folder}", _folder);
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    /// <summary>One caller reads; those queued behind it take its view when it is recent enough for them too.</summary>
    private IReadOnlyList<SidecarInstance> ReadWhileCallerWaits()
    {
        lock (_readGate)
        {
            var view = Volatile.Read(ref _view);
            return IsServable(view, RefreshAfter) ? view.Instances : Read().Instances;
        }
    }

    /// <summary>Whether the view was read after the last invalidation and less than <paramref name="maxAge"/> ago.</summary>
    private bool IsServable(View view, TimeSpan maxAge) =>
        view.Generation == Interlocked.Read(ref _generation) && _time.GetUtcNow() - view.ReadStartedAt < maxAge;

    private View Read()
    {
        var generation = Interlocked.Read(ref _generation);
        var startedAt = _time.GetUtcNow();
        var read = new View(ReadAll(startedAt), startedAt, generation);
        lock (_gate)
        {
            // A background read and a caller's read may finish out of order; the one begun later knows more.
            if (read.Generation > _view.Generation || (read.Generation == _view.Generation && read.ReadStartedAt > _view.ReadStartedAt))
            {
                Volatile.Write(ref _view, read);
            }
        }
        return read;
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

    /// <param name="ReadStartedAt">When the read began: entries written before then are in it.</param>
    /// <param name="Generation">The invalidation count when the read began; a view of an older count is never served.</param>
    private sealed record View(IReadOnlyList<SidecarInstance> Instances, DateTimeOffset ReadStartedAt, long Generation);
}
