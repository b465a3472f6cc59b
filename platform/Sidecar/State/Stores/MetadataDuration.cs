using System.Globalization;
using System.Text.RegularExpressions;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>Component durations as components-contrib reads them: a Go duration ("20s", "1h30m", "500ms") or a number of seconds.</summary>
public static partial class MetadataDuration
{
    public static TimeSpan Get(ComponentResource resource, string name, TimeSpan fallback)
    {
        var text = resource.Get(name);
        if (text is null)
        {
            return fallback;
        }
        return TryParse(text) ?? throw new ComponentException(resource, $"metadata '{name}' value '{text}' is not a duration such as 20s, 1m or a number of seconds");
    }

    public static TimeSpan? TryParse(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var matches = GoDurationPart().Matches(body);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != body.Length)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" or "µs" => TimeSpan.FromMicroseconds(amount),
                _ => TimeSpan.FromTicks((long)(amount / 100)),
            };
        }
        return negative ? -total : total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex GoDurationPart();
}
