using System.Globalization;

namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>
/// Go's time.ParseDuration: an optional sign, then one or more decimal numbers each followed by a unit
/// (ns, us, µs, ms, s, m, h), e.g. "1h30m", "1.5s", "0h0m5s0ms" (the .NET SDK's form). "0" alone is zero.
/// </summary>
public static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var position = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position = 1;
        }
        if (text.AsSpan(position) is "0")
        {
            return true;
        }
        if (position == text.Length)
        {
            return false;
        }

        decimal totalTicks = 0;
        while (position < text.Length)
        {
            var numberStart = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }
            var number = text.AsSpan(numberStart, position - numberStart);
            if (number.IsEmpty || number is "." || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }
            var unitStart = position;
            while (position < text.Length && !char.IsAsciiDigit(text[position]) && text[position] != '.')
            {
                position++;
            }
            var ticksPerUnit = UnitTicks(text.AsSpan(unitStart, position - unitStart));
            if (ticksPerUnit is null)
            {
                return false;
            }
            totalTicks += value * ticksPerUnit.Value;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }
        duration = TimeSpan.FromTicks((long)Math.Round(negative ? -totalTicks : totalTicks));
        return true;
    }

    private static decimal? UnitTicks(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 0.01m,
        "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };
}
