using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Verifies worker keys (header <see cref="HeaderName"/>) against the registry's hashed keys, cached in memory: a key
/// id this instance does not know makes it re-read the registry (at most once per <see cref="MissRefresh"/>, so a
/// stream of bad keys cannot flood the registry), which is how a key created or revoked through another instance
/// is learned. The configured <see cref="TaskQueueOptions.WorkerKey"/> (hashed at start) is accepted for every type.
/// </summary>
public sealed class WorkerKeys(TaskActors actors, TaskQueueOptions options, TimeProvider time)
{
    public const string HeaderName = "X-Worker-Key";
    private static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(1);

    private readonly WorkerKey? _configured = options.WorkerKey is { Length: > 0 } key
        ? new WorkerKey("configured", "TaskQueue:WorkerKey", WorkerKey.HashOf(key), [], DateTimeOffset.MinValue)
        : null;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private IReadOnlyDictionary<string, WorkerKey> _keys = new Dictionary<string, WorkerKey>(StringComparer.Ordinal);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The key the presented value matches; null when it matches none.</summary>
    public async Task<WorkerKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (_configured?.IsPresentedBy(presented) == true)
        {
            return _configured;
        }
        if (WorkerKey.IdOf(presented) is not { } keyId)
        {
            return null;
        }
        if (!_keys.ContainsKey(keyId) && time.GetUtcNow() - _refreshedAt >= MissRefresh)
        {
            await RefreshAsync(cancellationToken);
        }
        return _keys.TryGetValue(keyId, out var stored) && stored.IsPresentedBy(presented) ? stored : null;
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var keys = await actors.Registry().InvokeMethodAsync<IReadOnlyList<WorkerKey>>(nameof(IRegistryActor.WorkerKeys), cancellationToken);
            _keys = keys.ToDictionary(key => key.KeyId, StringComparer.Ordinal);
            _refreshedAt = time.GetUtcNow();
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
