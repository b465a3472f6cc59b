using System.Globalization;
using System.Text.RegularExpressions;

namespace AmazonScale.Sidecar.PubSub.Components.Redis;

/// <summary>
/// Duration metadata as components-contrib reads it: a bare integer is milliseconds, otherwise Go's
/// time.ParseDuration syntax ("500ms", "15s", "1m30s", "2h").
/// </summary>
public static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text.Trim();
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            value = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }
        var parts = Part().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            return false;
        }
        foreach (Match part in parts)
        {
            var number = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            value += part.Groups["u"].Value switch
            {
                "ns" => TimeSpan.FromTicks((long)(number / 100)),
                "us" or "µs" => TimeSpan.FromMicroseconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
        }
        return true;
    }

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
