namespace AmazonScale.UrlShortener.Domain;

public enum Granularity
{
    Hour,
    Day,
    Week,
}

/// <summary>The inclusive UTC day range and bucket size of an analytics query, bounded so a query reads a bounded number of day documents.</summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To, Granularity Granularity)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public const int MaxHourlyDays = 31;

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays);

    public static bool TryCreate(DateOnly? from, DateOnly? to, string? granularity, DateOnly today, out AnalyticsRange range, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var end = to ?? today;
        var start = from ?? end.AddDays(1 - DefaultDays);
        if (!Enum.TryParse<Granularity>(granularity ?? nameof(Granularity.Day), ignoreCase: true, out var bucket) || !Enum.IsDefined(bucket))
        {
            errors["granularity"] = ["granularity must be hour, day or week."];
        }
        var days = end.DayNumber - start.DayNumber + 1;
        if (days < 1)
        {
            errors["from"] = ["from must not be after to."];
        }
        else if (days > MaxDays || (bucket == Granularity.Hour && days > MaxHourlyDays))
        {
            errors["to"] = [$"a query spans at most {MaxDays} days ({MaxHourlyDays} with hour granularity)."];
        }
        range = new AnalyticsRange(start, end, bucket);
        return errors.Count == 0;
    }
}
