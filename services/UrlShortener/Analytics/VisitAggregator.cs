using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Redirects;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;

namespace AmazonScale.UrlShortener.Analytics;

/// <summary>
/// Folds batches of UrlVisited events into per-code, per-day documents. Applying costs two state calls however
/// many visits go together: one bulk read of every (code, day) document they touch, and one transaction writing
/// them all back, each guarded by its ETag (a day's first visits create its document on the per-document path).
/// When that transaction fails (another instance wrote one of the
/// documents first, or the store refused it) every document falls back to its own ETag read-modify-write with
/// retry. Either way no increment is lost, and a visit applied twice (redelivery, or a fallback after a write
/// whose answer was lost) is recognised by its event id among the document's last
/// <see cref="DailyVisits.RememberedEvents"/> — so no single write adds more visits than that to one document.
/// Deliveries are group-committed: while one apply is in flight, the batches arriving meanwhile wait and then go
/// together (concurrent applies would keep conflicting on shared documents), so the busier the stream, the more
/// clicks each state write carries. At most <see cref="MaxWaitingBatches"/> wait; beyond that a batch is handed
/// back at once for redelivery later, so a click flood the store cannot absorb queues up in the broker, not in
/// this process's memory. For URLs with max_visits a lifetime counter of human visits caps the URL once reached;
/// visits still in flight then may overshoot the cap by the publish lag.
/// </summary>
public sealed class VisitAggregator(StateDocuments state, RedirectCache redirects, UrlCatalog catalog)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    public const int MaxWaitingBatches = 8;

    // Some stores bound a transaction's size (DynamoDB: 100 items).
    private const int DocumentsPerTransaction = 100;
    // Documents updated at once on the fallback path: enough to overlap sidecar round trips, few enough not to flood the store.
    private const int ParallelFallbacks = 8;

    private readonly Lock _gate = new();
    private List<WaitingBatch> _waiting = [];
    private bool _applying;

    public sealed class LifetimeVisits
    {
        public long Visits { get; set; }
    }

    private sealed record DayVisits(string Key, string Code, UrlVisited[] Visits, ClientClass[] Clients);

    private sealed record WaitingBatch(IReadOnlyList<UrlVisited> Visits, TaskCompletionSource<IReadOnlyList<UrlVisited>> Failed);

    /// <summary>
    /// Applies <paramref name="visits"/> and returns those that could not be stored (to be redelivered): all of them
    /// when too many batches are already waiting, else those of documents that could not be written; the visits
    /// of every other document are counted exactly once whatever happens to these.
    /// </summary>
    public Task<IReadOnlyList<UrlVisited>> ApplyAsync(IReadOnlyList<UrlVisited> visits, CancellationToken cancellationToken)
    {
        var batch = new WaitingBatch(visits, new TaskCompletionSource<IReadOnlyList<UrlVisited>>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            if (_waiting.Count >= MaxWaitingBatches)
            {
                return Task.FromResult(visits);
            }
            _waiting.Add(batch);
            lead = !_applying;
            _applying = true;
        }
        if (lead)
        {
            _ = ApplyWaitingAsync();
        }
        return batch.Failed.Task.WaitAsync(cancellationToken);
    }

    private async Task ApplyWaitingAsync()
    {
        while (true)
        {
            List<WaitingBatch> batches;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _applying = false;
                    return;
                }
                batches = _waiting;
                _waiting = [];
            }
            try
            {
                var failed = new HashSet<UrlVisited>(await ApplyBatchAsync([.. batches.SelectMany(batch => batch.Visits)], CancellationToken.None), ReferenceEqualityComparer.Instance);
                foreach (var batch in batches)
                {
                    batch.Failed.SetResult([.. batch.Visits.Where(failed.Contains)]);
                }
            }
            catch (Exception ex)
            {
                foreach (var batch in batches)
                {
                    batch.Failed.SetException(ex);
                }
            }
        }
    }

    private async Task<IReadOnlyList<UrlVisited>> ApplyBatchAsync(IReadOnlyList<UrlVisited> visits, CancellationToken cancellationToken)
    {
        // A document with more visits than it remembers is written in rounds of at most that many.
        var rounds = visits
            .GroupBy(visit => StateKeys.DailyVisits(visit.Code, DateOnly.FromDateTime(visit.OccurredAt.UtcDateTime)), StringComparer.Ordinal)
            .SelectMany(day => day.Chunk(DailyVisits.RememberedEvents).Select((part, round) => (Round: round, Day: new DayVisits(
                day.Key, day.First().Code, part, [.. part.Select(visit => UserAgentClassifier.Classify(visit.UserAgent))]))))
            .GroupBy(part => part.Round, part => part.Day)
            .OrderBy(round => round.Key);
        var failed = new List<UrlVisited>();
        foreach (var chunk in rounds.SelectMany(round => round.Chunk(DocumentsPerTransaction)))
        {
            var leftOver = await ApplyTogetherAsync(chunk, cancellationToken);
            await Parallel.ForEachAsync(leftOver, new ParallelOptions { MaxDegreeOfParallelism = ParallelFallbacks, CancellationToken = cancellationToken }, async (day, token) =>
            {
                try
                {
                    var humans = await state.UpdateAsync<DailyVisits, int>(day.Key, stats => Fold(stats, day), token);
                    await CountTowardsCapAsync(day.Code, humans, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    lock (failed)
                    {
                        failed.AddRange(day.Visits);
                    }
                }
            });
        }
        return failed;
    }

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

    /// <summary>Applies a day's visits to its document (a fresh copy when missing); the result is the number of human visits newly counted.</summary>
    private static DocumentChange<DailyVisits, int> Fold(DailyVisits? stats, DayVisits day)
    {
        var next = stats ?? new DailyVisits();
        var applied = 0;
        var humans = 0;
        for (var i = 0; i < day.Visits.Length; i++)
        {
            var visit = day.Visits[i];
            if (next.Apply(visit.EventId, visit.OccurredAt, visit.Referrer, day.Clients[i], visit.VisitorId, visit.Country))
            {
                applied++;
                humans += day.Clients[i].IsBot ? 0 : 1;
            }
        }
        return new(applied > 0 ? next : null, humans, Retention);
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
