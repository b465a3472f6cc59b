using System.Collections.Concurrent;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.State;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>Units granted and the numbers the RateLimit headers report.</summary>
public sealed record QuotaDecision(int Granted, long Limit, long Remaining, long ResetSeconds, long WindowSeconds);

/// <summary>
/// Monthly create quota per API key: one counter document per key and calendar month, incremented with
/// ETag retry, so the limit holds exactly across instances. The counter expires a week after its month.
/// Concurrent requests of one key are group-committed: while one counter update is in flight, new claims
/// queue up and the next update grants them all at once (in arrival order), so a busy key costs one
/// read-modify-write per batch instead of one per create.
/// </summary>
public sealed class QuotaLedger(StateDocuments state, TimeProvider time)
{
    private static readonly TimeSpan KeepAfterPeriod = TimeSpan.FromDays(7);

    // One entry per API key that has created something since start-up (bounded by the keys in use).
    private readonly ConcurrentDictionary<string, ClaimQueue> _queues = new(StringComparer.Ordinal);

    public sealed class Usage
    {
        public long Used { get; set; }
    }

    private sealed record Claim(int Units, long Limit, TaskCompletionSource<QuotaDecision> Decision);

    private sealed class ClaimQueue
    {
        public List<Claim> Pending { get; } = [];
        public bool Draining { get; set; }
    }

    /// <summary>Grants up to <paramref name="requested"/> units (fewer, possibly zero, near the limit).</summary>
    public Task<QuotaDecision> ConsumeAsync(string ownerId, long limit, int requested, CancellationToken cancellationToken)
    {
        var claim = new Claim(requested, limit, new TaskCompletionSource<QuotaDecision>(TaskCreationOptions.RunContinuationsAsynchronously));
        var queue = _queues.GetOrAdd(ownerId, _ => new ClaimQueue());
        bool lead;
        lock (queue)
        {
            queue.Pending.Add(claim);
            lead = !queue.Draining;
            queue.Draining = true;
        }
        if (lead)
        {
            _ = DrainAsync(ownerId, queue);
        }
        return claim.Decision.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(string ownerId, ClaimQueue queue)
    {
        while (true)
        {
            Claim[] batch;
            lock (queue)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }
                batch = [.. queue.Pending];
                queue.Pending.Clear();
            }
            try
            {
                var decisions = await GrantAsync(ownerId, batch);
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i].Decision.SetResult(decisions[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var claim in batch)
                {
                    claim.Decision.SetException(ex);
                }
            }
        }
    }

    private Task<QuotaDecision[]> GrantAsync(string ownerId, Claim[] batch)
    {
        var now = time.GetUtcNow();
        var period = QuotaPeriod.Containing(now);
        var ttl = period.End + KeepAfterPeriod - now;
        return state.UpdateAsync<Usage, QuotaDecision[]>(StateKeys.Quota(ownerId, period.Id), usage =>
        {
            var before = usage?.Used ?? 0;
            var used = before;
            var decisions = new QuotaDecision[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                var granted = QuotaPeriod.Grant(used, batch[i].Limit, batch[i].Units);
                used += granted;
                decisions[i] = new QuotaDecision(granted, batch[i].Limit, Math.Max(0, batch[i].Limit - used), period.SecondsUntilReset(now), (long)period.Length.TotalSeconds);
            }
            return new(used == before ? null : new Usage { Used = used }, decisions, ttl);
        }, CancellationToken.None);
    }

    /// <summary>Gives back units consumed for creates that then failed (alias taken).</summary>
    public Task RefundAsync(string ownerId, int units, CancellationToken cancellationToken)
    {
        if (units == 0)
        {
            return Task.CompletedTask;
        }
        var now = time.GetUtcNow();
        var period = QuotaPeriod.Containing(now);
        return state.UpdateAsync<Usage, bool>(StateKeys.Quota(ownerId, period.Id), usage =>
            new(usage is null ? null : new Usage { Used = Math.Max(0, usage.Used - units) }, true, period.End + KeepAfterPeriod - now), cancellationToken);
    }
}
