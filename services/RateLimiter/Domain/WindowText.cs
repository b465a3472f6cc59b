using System.Globalization;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>Windows as written in policies: a whole number and a unit, "30s", "5m", "1h", "1d".</summary>
public static class WindowText
{
    public static bool TryParse(string? text, out TimeSpan window)
    {
        window = default;
        if (text is not { Length: >= 2 and <= 12 } || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }
        var unit = text[^1] switch
        {
            's' => TimeSpan.TicksPerSecond,
            'm' => TimeSpan.TicksPerMinute,
            'h' => TimeSpan.TicksPerHour,
            'd' => TimeSpan.TicksPerDay,
            _ => 0,
        };
        if (unit == 0 || amount > TimeSpan.MaxValue.Ticks / unit)
        {
            return false;
        }
        window = TimeSpan.FromTicks(amount * unit);
        return true;
    }

    public static string Format(TimeSpan window) => window.Ticks switch
    {
        var ticks when ticks % TimeSpan.TicksPerDay == 0 => $"{ticks / TimeSpan.TicksPerDay}d",
        var ticks when ticks % TimeSpan.TicksPerHour == 0 => $"{ticks / TimeSpan.TicksPerHour}h",
        var ticks when ticks % TimeSpan.TicksPerMinute == 0 => $"{ticks / TimeSpan.TicksPerMinute}m",
        var ticks => $"{ticks / TimeSpan.TicksPerSecond}s",
    };
}
