using System.Globalization;
using System.Text.RegularExpressions;

namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>
/// ISO 8601 durations as dapr/kit accepts them: an optional "R{n}/" repetition prefix, then
/// P[nY][nM][nW][nD][T[nH][nM][nS]] with whole numbers. At least one component is required.
/// </summary>
public static partial class IsoDuration
{
    [GeneratedRegex(@"^(?:R(?<reps>\d*)/)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>
    /// Parses <paramref name="text"/>. Returns false when it is not ISO 8601 at all; throws
    /// ActorTimeFormatException when it is ISO but invalid (empty, "R/" without count, zero repetitions).
    /// </summary>
    public static bool TryParse(string text, out CalendarDuration duration, out int? repetitions)
    {
        duration = default;
        repetitions = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        if (match.Groups["reps"].Success)
        {
            if (match.Groups["reps"].Length == 0)
            {
                throw new ActorTimeFormatException($"unsupported ISO8601 duration format \"{text}\": repetition count is missing");
            }
            if (!int.TryParse(match.Groups["reps"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new ActorTimeFormatException($"unsupported ISO8601 duration format \"{text}\": repetition count is too large");
            }
            if (count == 0)
            {
                throw new ActorTimeFormatException($"unsupported ISO8601 duration format \"{text}\": has zero repetitions");
            }
            repetitions = count;
        }

        var components = new[] { "y", "mo", "w", "d", "h", "mi", "s" };
        if (!components.Any(name => match.Groups[name].Success))
        {
            throw new ActorTimeFormatException($"unsupported ISO8601 duration format \"{text}\": no duration components");
        }
        try
        {
            checked
            {
                var weeks = Component(match, "w");
                var fixedPart = TimeSpan.FromHours(Component(match, "h"))
                    + TimeSpan.FromMinutes(Component(match, "mi"))
                    + TimeSpan.FromSeconds(Component(match, "s"));
                duration = new CalendarDuration(Component(match, "y"), Component(match, "mo"), Component(match, "d") + weeks * 7, fixedPart);
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            throw new ActorTimeFormatException($"unsupported ISO8601 duration format \"{text}\": value out of range");
        }
        return true;
    }

    private static int Component(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}
