using System.Diagnostics;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Redirects;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Analytics;

/// <summary>
/// Folds <see cref="UrlVisitBatch"/>es into per-code, per-day documents. Applying costs two state calls however
/// many visits go together: one bulk read of every (code, day) document they touch, and one transaction writing
/// them all back, each guarded by its ETag (a day's first visits create its document on the per-document path).
/// When that transaction fails (another instance wrote one of the documents first, or the store refused it) every
/// document falls back to its own ETag read-modify-write with retry. A batch's visits to one document are always
/// counted together, in one write, with the batch's id: a batch applied twice (redelivery, or a fallback after a
/// write whose answer was lost) is recognised by its id among the document's last
/// <see cref="DailyVisits.RememberedBatches"/> — so no single write adds more batches than that to one document,
/// and no visit is lost or counted twice.
/// Deliveries are group-committed: while one apply is in flight, the deliveries arriving meanwhile wait and then go
/// together (concurrent applies would keep conflicting on shared documents), and a group starts at most once per
/// <see cref="UrlShortenerOptions.AnalyticsGroupInterval"/>, so under a steady stream each document is written at most that often however many of
/// its clicks arrive: the busier the stream, the more clicks each state write carries. Under load groups are paced
/// further apart still (<see cref="IdlePerBusy"/>). At most
/// <see cref="MaxWaitingVisits"/> visits wait; beyond that a delivery is handed back at once for redelivery later, so a click flood the store cannot absorb queues up in the broker, not in
/// this process's memory. For URLs with max_visits a lifetime counter of human visits caps the URL once reached;
/// visits still in flight then may overshoot the cap by the publish lag.
/// </summary>
public sealed class VisitAggregator(StateDocuments state, RedirectCache redirects, UrlCatalog catalog, IOptions<UrlShortenerOptions> options)
{
    // With clicks spread over thousands of codes a short interval writes nearly one document per click (~7,000 codes at
    // 20K clicks/s: ~0.8 day-document read and write per click at 250 ms, ~0.34 at 1 s).
    private readonly TimeSpan _groupInterval = options.Value.AnalyticsGroupInterval;

    // After a group, the aggregator waits at least this many times as long as the group took: a busy store or busy
    // cores make groups slower, hence further apart and larger, so that every state write carries more clicks and
    // analytics take at most about a quarter of the time (at the cost of lag) instead of crowding out redirects...
    private const int IdlePerBusy = 3;
    // ...but not longer than this: a longer pause lets more visits pile up than the next group can take (deliveries
    // beyond MaxWaitingVisits are handed back for redelivery), so analytics would fall behind instead of keeping up.
    private static readonly TimeSpan MaxPacedPause = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    /// <summary>Visits waiting for the next group (~15 MB at most); a delivery that would exceed it is handed back.</summary>
    public const int MaxWaitingVisits = 50_000;

    // Some stores bound a transaction's size (DynamoDB: 100 items).
    private const int DocumentsPerTransaction = 100;
    // Transactions, and documents on the fallback path, in flight at once: enough to overlap sidecar round trips (a
    // busy group spans many transactions, and its duration is the analytics lag), few enough not to flood the store.
    private const int ParallelTransactions = 4;
    private const int ParallelFallbacks = 8;

    private readonly Lock _gate = new();
    private List<WaitingDelivery> _waiting = [];
    private int _waitingVisits;
    private bool _applying;

    public sealed class LifetimeVisits
    {
        public long Visits { get; set; }
    }

    /// <summary>One batch's visits to one document: counted together, in one write, or not at all.</summary>
    private sealed record BatchPart(long BatchId, UrlVisited[] Visits, ClientClass[] Clients);

    private sealed record DayVisits(string Key, string Code, BatchPart[] Parts);

    private sealed record WaitingDelivery(IReadOnlyList<UrlVisitBatch> Batches, TaskCompletionSource<IReadOnlyList<UrlVisitBatch>> Failed);

    /// <summary>
    /// Applies <paramref name="batches"/> and returns those that could not be stored (to be redelivered): all of them
    /// when too many deliveries are already waiting, else those with visits to a document that could not be written;
    /// the visits of every other document are counted exactly once whatever happens to these.
    /// </summary>
    public Task<IReadOnlyList<UrlVisitBatch>> ApplyAsync(IReadOnlyList<UrlVisitBatch> batches, CancellationToken cancellationToken)
    {
        var delivery = new WaitingDelivery(batches, new TaskCompletionSource<IReadOnlyList<UrlVisitBatch>>(TaskCreationOptions.RunContinuationsAsynchronously));
        var visits = batches.Sum(batch => batch.Visits.Count);
        bool lead;
        lock (_gate)
        {
            if (_waiting.Count > 0 && _waitingVisits + visits > MaxWaitingVisits)
            {
                return Task.FromResult(batches);
            }
            _waiting.Add(delivery);
            _waitingVisits += visits;
            lead = !_applying;
            _applying = true;
        }
        if (lead)
        {
            _ = ApplyWaitingAsync();
        }
        return delivery.Failed.Task.WaitAsync(cancellationToken);
    }

    private async Task ApplyWaitingAsync()
    {
        while (true)
        {
            List<WaitingDelivery> deliveries;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _applying = false;
                    return;
                }
                deliveries = _waiting;
                _waiting = [];
                _waitingVisits = 0;
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                var failed = await ApplyBatchesAsync([.. deliveries.SelectMany(delivery => delivery.Batches)], CancellationToken.None);
                foreach (var delivery in deliveries)
                {
                    delivery.Failed.SetResult([.. delivery.Batches.Where(batch => failed.Contains(batch.BatchId))]);
                }
            }
            catch (Exception ex)
            {
                foreach (var delivery in deliveries)
                {
                    delivery.Failed.SetException(ex);
                }
            }
            var busy = Stopwatch.GetElapsedTime(started);
            var paced = busy * IdlePerBusy < MaxPacedPause ? busy * IdlePerBusy : MaxPacedPause;
            var rest = paced > _groupInterval - busy ? paced : _groupInterval - busy;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
    }

    /// <summary>Ids of the batches with visits to a document that could not be written.</summary>
    private async Task<HashSet<long>> ApplyBatchesAsync(IReadOnlyList<UrlVisitBatch> batches, CancellationToken cancellationToken)
    {
        // Clicks repeat user agents; classify each one once per group.
        var classes = new Dictionary<string, ClientClass>(StringComparer.Ordinal);
        ClientClass ClassOf(string? userAgent) => userAgent is null ? UserAgentClassifier.Classify(null)
            : classes.TryGetValue(userAgent, out var known) ? known : classes[userAgent] = UserAgentClassifier.Classify(userAgent);

        // A document that more batches touch than it remembers ids is written in rounds of at most that many.
        var rounds = batches
            .SelectMany(batch => batch.Visits
                .GroupBy(visit => StateKeys.DailyVisits(visit.Code, DateOnly.FromDateTime(visit.OccurredAt.UtcDateTime)), StringComparer.Ordinal)
                .Select(day => (day.Key, day.First().Code, Part: new BatchPart(batch.BatchId, [.. day], [.. day.Select(visit => ClassOf(visit.UserAgent))]))))
            .GroupBy(part => part.Key, StringComparer.Ordinal)
            .SelectMany(day => day.Chunk(DailyVisits.RememberedBatches).Select((parts, round) => (Round: round, Day: new DayVisits(
                day.Key, parts[0].Code, [.. parts.Select(part => part.Part)]))))
            .GroupBy(part => part.Round, part => part.Day)
            .OrderBy(round => round.Key);
        var failed = new HashSet<long>();
        foreach (var round in rounds)
        {
            // A round holds each document once, so its transactions touch disjoint documents and can overlap.
            await Parallel.ForEachAsync(round.Chunk(DocumentsPerTransaction), Overlapping(ParallelTransactions, cancellationToken), async (chunk, token) =>
            {
                var leftOver = await ApplyTogetherAsync(chunk, token);
                await Parallel.ForEachAsync(leftOver, Overlapping(ParallelFallbacks, token), async (day, dayToken) =>
                {
                    try
                    {
                        var humans = await state.UpdateAsync<DailyVisits, int>(day.Key, stats => Fold(stats, day), dayToken);
                        await CountTowardsCapAsync(day.Code, humans, dayToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        lock (failed)
                        {
                            failed.UnionWith(day.Parts.Select(part => part.BatchId));
                        }
                    }
                });
            });
        }
        return failed;
    }

    private static ParallelOptions Overlapping(int degree, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken };

    /// <summary>
    /// The fast path: one bulk read and one transaction for the documents of <paramref name="days"/> that exist.
    /// Returns the days left for the per-document path: those whose document does not exist yet (creating one takes
    /// a first-write insert, which not every store honours inside a transaction), or all of them when the
    /// transaction failed (some stores apply part of a failed transaction; those visits are then recognised by id).
    /// </summary>
    private async Task<IReadOnlyList<DayVisits>> ApplyTogetherAsync(IReadOnlyList<DayVisits> days, CancellationToken cancellationToken)
    {
        Dictionary<string, Versioned<DailyVisits>> current;
        try
        {
            current = await state.GetManyVersionedAsync<DailyVisits>([.. days.Select(day => day.Key)], cancellationToken);
        }
        catch (Dapr.DaprException)
        {
            return days;
        }
        var missing = new List<DayVisits>();
        var writes = new List<(string Key, DailyVisits Value, string ETag)>(days.Count);
        var counted = new List<(string Code, int Humans)>(days.Count);
        foreach (var day in days)
        {
            if (current.GetValueOrDefault(day.Key) is not { Value: { } stored, ETag: { } etag })
            {
                missing.Add(day);
                continue;
            }
            var outcome = Fold(stored, day);
            if (outcome.Next is not null)
            {
                writes.Add((day.Key, outcome.Next, etag));
                counted.Add((day.Code, outcome.Result));
            }
        }
        if (writes.Count > 0 && !await state.TryWriteAllAsync(writes, Retention, cancellationToken))
        {
            return days;
        }
        foreach (var (code, humans) in counted)
        {
            await CountTowardsCapAsync(code, humans, cancellationToken);
        }
        return missing;
    }

    /// <summary>
    /// Applies a day's batches to its document (a fresh copy when missing), skipping those it already counted; the
    /// result is the number of human visits newly counted.
    /// </summary>
    private static DocumentChange<DailyVisits, int> Fold(DailyVisits? stats, DayVisits day)
    {
        var next = stats ?? new DailyVisits();
        var applied = false;
        var humans = 0;
        foreach (var part in day.Parts)
        {
            if (!next.Remember(part.BatchId))
            {
                continue;
            }
            applied = true;
            for (var i = 0; i < part.Visits.Length; i++)
            {
                var (visit, client) = (part.Visits[i], part.Clients[i]);
                next.Count(visit.OccurredAt, visit.Referrer, client, visit.VisitorId, visit.Country);
                humans += client.IsBot ? 0 : 1;
            }
        }
        return new(applied ? next : null, humans, Retention);
    }

    private async Task CountTowardsCapAsync(string code, int humans, CancellationToken cancellationToken)
    {
        if (humans == 0 || await redirects.FindAsync(code) is not { MaxVisits: { } cap, Gone: false })
        {
            return;
        }
        var reached = await state.UpdateAsync<LifetimeVisits, bool>(StateKeys.LifetimeVisits(code), lifetime =>
        {
            var total = (lifetime?.Visits ?? 0) + humans;
            return new(new LifetimeVisits { Visits = total }, total >= cap);
        }, cancellationToken);
        if (reached)
        {
            await catalog.MarkVisitCapReachedAsync(code, cancellationToken);
        }
    }
}
