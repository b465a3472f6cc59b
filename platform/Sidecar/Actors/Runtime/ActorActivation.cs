using System.Collections.Concurrent;

namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// One actor active in this sidecar's app: its turn lock, its idle clock and its timers. Lifetime is
/// cancelled on deactivation, which stops the timers (they die with the activation, as in daprd).
/// </summary>
public sealed class ActorActivation(ActorKey key, TimeProvider time)
{
    private readonly CancellationTokenSource _lifetime = new();
    private long _lastUsedTicks = time.GetUtcNow().UtcTicks;

    public ActorKey Key { get; } = key;

    public TurnLock Lock { get; } = new();

    public CancellationToken Lifetime => _lifetime.Token;

    public ConcurrentDictionary<string, Timers.ActorTimer> Timers { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);

    public bool IsIdle(TimeSpan timeout) => Lock.Pending == 0 && time.GetUtcNow() - LastUsed >= timeout;

    /// <summary>Stops every timer of this activation.</summary>
    public void End() => _lifetime.Cancel();
}
