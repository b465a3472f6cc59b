using System.Collections.Concurrent;
using AmazonScale.TestActorHost.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>
/// Sequential increments on many counters in parallel through one node, for failover tests: counts the
/// successes and failures per counter and records any failure of a call started after MarkFailover.
/// </summary>
public sealed class CounterLoad
{
    private readonly ActorNode _entry;
    private readonly ConcurrentDictionary<string, int> _successes = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly ConcurrentBag<string> _lateFailures = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers;
    private DateTimeOffset? _failoverAt;

    public CounterLoad(ActorNode entry, IReadOnlyList<string> ids)
    {
        _entry = entry;
        Ids = ids;
        _workers = ids.Select(id => Task.Run(() => RunAsync(id))).ToList();
    }

    public IReadOnlyList<string> Ids { get; }

    public int Successes => _successes.Values.Sum();

    public IReadOnlyCollection<string> LateFailures => _lateFailures;

    /// <summary>From now on, every call must succeed.</summary>
    public void MarkFailover() => _failoverAt = DateTimeOffset.UtcNow;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }

    /// <summary>A call that failed while its owner died may or may not have been applied, but no applied increment is lost.</summary>
    public async Task AssertNothingLostAsync()
    {
        foreach (var id in Ids)
        {
            var count = await _entry.Proxy<ICounterActor>(id, nameof(CounterActor)).GetAsync();
            Assert.InRange(count, _successes.GetValueOrDefault(id), _successes.GetValueOrDefault(id) + _failures.GetValueOrDefault(id));
        }
    }

    private async Task RunAsync(string id)
    {
        var counter = _entry.Proxy<ICounterActor>(id, nameof(CounterActor));
        while (!_stop.IsCancellationRequested)
        {
            var startedAt = DateTimeOffset.UtcNow;
            try
            {
                await counter.IncrementAsync(1);
                _successes.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
            catch (Exception ex)
            {
                _failures.AddOrUpdate(id, 1, (_, n) => n + 1);
                if (_failoverAt is { } failover && startedAt > failover)
                {
                    _lateFailures.Add($"{id}: {ex.Message}");
                }
            }
        }
    }
}
