namespace AmazonScale.UrlShortener.Domain;

public sealed record TimelinePoint(DateTimeOffset Start, long Visits);

/// <summary>Human visits, unique visitors (summed per day) and breakdowns over a range; bots are reported apart.</summary>
public sealed record AnalyticsReport(
    string Code,
    DateOnly From,
    DateOnly To,
    Granularity Granularity,
    long Visits,
    long UniqueVisitors,
    long Bots,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyDictionary<string, long> Referrers,
    IReadOnlyDictionary<string, long> Devices,
    IReadOnlyDictionary<string, long> Browsers,
    IReadOnlyDictionary<string, long> OperatingSystems,
    IReadOnlyDictionary<string, long> Countries)
{
    public static AnalyticsReport Build(string code, AnalyticsRange range, IReadOnlyDictionary<DateOnly, DailyVisits> days)
    {
        var present = range.Days.Where(days.ContainsKey).Select(day => days[day]).ToList();
        return new AnalyticsReport(
            code,
            range.From,
            range.To,
            range.Granularity,
            present.Sum(d => d.Visits),
            present.Sum(d => d.EstimateUniqueVisitors()),
            present.Sum(d => d.Bots),
            BuildTimeline(range, days),
            Merge(present, d => d.Referrers),
            Merge(present, d => d.Devices),
            Merge(present, d => d.Browsers),
            Merge(present, d => d.OperatingSystems),
            Merge(present, d => d.Countries));
    }

    private static List<TimelinePoint> BuildTimeline(AnalyticsRange range, IReadOnlyDictionary<DateOnly, DailyVisits> days)
    {
        var points = new List<TimelinePoint>();
        foreach (var day in range.Days)
        {
            var stats = days.GetValueOrDefault(day);
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            switch (range.Granularity)
            {
                case Granularity.Hour:
                    points.AddRange(Enumerable.Range(0, 24).Select(hour => new TimelinePoint(midnight.AddHours(hour), stats?.Hours[hour] ?? 0)));
                    break;
                case Granularity.Week:
                    var monday = midnight.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                    if (points.Count == 0 || points[^1].Start != monday)
                    {
                        points.Add(new TimelinePoint(monday, 0));
                    }
                    points[^1] = points[^1] with { Visits = points[^1].Visits + (stats?.Visits ?? 0) };
                    break;
                default:
                    points.Add(new TimelinePoint(midnight, stats?.Visits ?? 0));
                    break;
            }
        }
        return points;
    }

    private static Dictionary<string, long> Merge(IEnumerable<DailyVisits> days, Func<DailyVisits, Dictionary<string, long>> breakdown)
    {
        var total = new Dictionary<string, long>();
        foreach (var (key, count) in days.SelectMany(breakdown))
        {
            total[key] = total.GetValueOrDefault(key) + count;
        }
        return total.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary();
    }
}
