using System.Collections.Concurrent;
using System.Diagnostics;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// Group commit for calls that take a list of items and answer one result per item, in order (a shard actor's Create,
/// Lease and Report): while <c>maxInFlight</c> calls for a key are in flight, later calls for that key queue, and when
/// one returns, the queued items go out together in ONE call — one actor turn, one state commit, one sidecar round trip
/// instead of one each. The actor runs its turns one at a time anyway, so a queued caller mostly waits no longer than it
/// would have in the actor's own queue. Each caller gets the results of its own items, and only once the call carrying
/// them has returned (its turn committed), so merging changes no guarantee; a failed call fails every caller whose
/// items it carried.
/// </summary>
/// <param name="send">Makes one call with the given items; must answer exactly one result per item, in order.</param>
/// <param name="weigh">An item's share of a call's size: queued calls are merged while the total stays within <paramref name="maxWeight"/> (a single call goes out whole).</param>
/// <param name="maxInFlight">Calls per key sent before their predecessors returned.</param>
public sealed class CallCoalescer<TKey, TItem, TResult>(Func<TKey, List<TItem>, Task<List<TResult>>> send, Func<TItem, long> weigh, long maxWeight, int maxInFlight)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lane> _lanes = new();

    public Task<List<TResult>> CallAsync(TKey key, IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        var call = new QueuedCall(items, items.Sum(weigh));
        var lane = _lanes.GetOrAdd(key, _ => new Lane(maxInFlight));
        if (lane.Join(call))
        {
            _ = SendQueuedAsync(key, lane);
        }
        return call.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends what is queued as one call, and again while calls queued meanwhile (a slot in flight per loop).</summary>
    private async Task SendQueuedAsync(TKey key, Lane lane)
    {
        while (lane.Take(maxWeight) is { } batch)
        {
            await SendAsync(key, batch);
            // What goes out next serves other requests: it is not part of the trace of the request that started the loop.
            Activity.Current = null;
        }
    }

    private async Task SendAsync(TKey key, List<QueuedCall> batch)
    {
        try
        {
            var results = await send(key, batch.SelectMany(call => call.Items).ToList());
            if (results.Count != batch.Sum(call => call.Items.Count))
            {
                throw new InvalidOperationException($"a merged call for {key} answered {results.Count} results for {batch.Sum(call => call.Items.Count)} items");
            }
            var offset = 0;
            foreach (var call in batch)
            {
                call.Done.TrySetResult(results.GetRange(offset, call.Items.Count));
                offset += call.Items.Count;
            }
        }
        catch (Exception ex)
        {
            batch.ForEach(call => call.Done.TrySetException(ex));
        }
    }

    /// <summary>The calls queued for one key, and how many calls for it are in flight (at the limit, new ones wait their turn).</summary>
    private sealed class Lane(int maxInFlight)
    {
        private readonly Queue<QueuedCall> _queue = new();
        private int _inFlight;

        /// <returns>True when a call may go out now: the caller starts sending.</returns>
        public bool Join(QueuedCall call)
        {
            lock (_queue)
            {
                _queue.Enqueue(call);
                if (_inFlight == maxInFlight)
                {
                    return false;
                }
                _inFlight++;
                return true;
            }
        }

        /// <summary>The oldest queued call plus those after it that fit in one call; null (and one call fewer in flight) when none is queued.</summary>
        public List<QueuedCall>? Take(long maxWeight)
        {
            lock (_queue)
            {
                if (!_queue.TryDequeue(out var first))
                {
                    _inFlight--;
                    return null;
                }
                var batch = new List<QueuedCall> { first };
                var weight = first.Weight;
                while (_queue.TryPeek(out var next) && weight + next.Weight <= maxWeight)
                {
                    weight += next.Weight;
                    batch.Add(_queue.Dequeue());
                }
                return batch;
            }
        }
    }

    private sealed class QueuedCall(IReadOnlyList<TItem> items, long weight)
    {
        public IReadOnlyList<TItem> Items { get; } = items;
        public long Weight { get; } = weight;
        public TaskCompletionSource<List<TResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
