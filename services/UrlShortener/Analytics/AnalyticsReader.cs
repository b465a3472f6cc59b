using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.State;

namespace AmazonScale.UrlShortener.Analytics;

/// <summary>Builds a report from the day documents of a range (one bulk read).</summary>
public sealed class AnalyticsReader(StateDocuments state)
{
    public async Task<AnalyticsReport> ReadAsync(string code, AnalyticsRange range, CancellationToken cancellationToken)
    {
        var keys = range.Days.ToDictionary(day => StateKeys.DailyVisits(code, day));
        var documents = await state.GetManyAsync<DailyVisits>(keys.Keys.ToList(), cancellationToken);
        return AnalyticsReport.Build(code, range, documents.ToDictionary(pair => keys[pair.Key], pair => pair.Value));
    }
}
