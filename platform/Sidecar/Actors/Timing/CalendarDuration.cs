namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>
/// A span that may contain calendar units: ISO 8601 years, months and days are added with calendar
/// arithmetic (daprd uses Go's AddDate), the rest is a fixed TimeSpan. A Go duration is Fixed only.
/// </summary>
public readonly record struct CalendarDuration(int Years, int Months, int Days, TimeSpan Fixed)
{
    public static CalendarDuration FromTimeSpan(TimeSpan span) => new(0, 0, 0, span);

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Fixed == TimeSpan.Zero;

    public DateTimeOffset AddTo(DateTimeOffset instant) => instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Fixed);
}
