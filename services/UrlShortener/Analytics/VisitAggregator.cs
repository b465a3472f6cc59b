using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Redirects;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;

namespace AmazonScale.UrlShortener.Analytics;

/// <summary>
/// Folds UrlVisited events into per-code, per-day documents (ETag read-modify-write, so instances
/// sharing the subscription never lose an increment; redeliveries are recognised by event id). For URLs
/// with max_visits it also keeps a lifetime counter of human visits and caps the URL when it is reached — visits still in
/// flight when that happens may overshoot the cap by the publish lag.
/// </summary>
public sealed class VisitAggregator(StateDocuments state, RedirectCache redirects, UrlCatalog catalog)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    public sealed class LifetimeVisits
    {
        public long Visits { get; set; }
    }

    public async Task ApplyAsync(UrlVisited visit, CancellationToken cancellationToken)
    {
        var client = UserAgentClassifier.Classify(visit.UserAgent);
        var day = DateOnly.FromDateTime(visit.OccurredAt.UtcDateTime);
        var counted = await state.UpdateAsync<DailyVisits, bool>(StateKeys.DailyVisits(visit.Code, day), stats =>
        {
            var next = stats ?? new DailyVisits();
            var applied = next.Apply(visit.EventId, visit.OccurredAt, visit.Referrer, client, visit.VisitorId, visit.Country);
            return new(applied ? next : null, applied, Retention);
        }, cancellationToken);

        if (counted && !client.IsBot && await redirects.FindAsync(visit.Code) is { MaxVisits: { } cap, Gone: false })
        {
            var reached = await state.UpdateAsync<LifetimeVisits, bool>(StateKeys.LifetimeVisits(visit.Code), lifetime =>
            {
                var visits = (lifetime?.Visits ?? 0) + 1;
                return new(new LifetimeVisits { Visits = visits }, visits >= cap);
            }, cancellationToken);
            if (reached)
            {
                await catalog.MarkVisitCapReachedAsync(visit.Code, cancellationToken);
            }
        }
    }
}
