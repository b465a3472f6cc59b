using System.Globalization;
using System.Text.RegularExpressions;

namespace AmazonScale.Bench;

/// <summary>
/// Reads the text wrk 4.x prints with --latency. Failed requests make the run worthless (a fast error is not a fast
/// answer), so socket errors and non-2xx/3xx answers throw with wrk's whole output.
/// </summary>
public static partial class WrkOutput
{
    public static (TimeSpan Elapsed, long Requests, double RequestsPerSecond, WrkLatency Latency) Parse(string output)
    {
        var socketErrors = SocketErrors().Match(output);
        if (socketErrors.Success && socketErrors.Groups.Cast<Group>().Skip(1).Any(count => count.Value != "0"))
        {
            throw new InvalidOperationException($"wrk saw socket errors ({socketErrors.Value.Trim()}):\n{output}");
        }
        if (NonSuccess().Match(output) is { Success: true } nonSuccess)
        {
            throw new InvalidOperationException($"wrk got {nonSuccess.Groups[1].Value} non-2xx/3xx answers:\n{output}");
        }
        var total = Required(Total(), output, "the request count");
        var latency = new WrkLatency(
            Percentile(output, 50), Percentile(output, 75), Percentile(output, 90), Percentile(output, 99),
            Microseconds(Required(LatencyStats(), output, "the latency line (Thread Stats)").Groups[1].Value));
        return (
            TimeSpan.FromMicroseconds(Microseconds(total.Groups[2].Value)),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(Required(Rate(), output, "Requests/sec").Groups[1].Value, CultureInfo.InvariantCulture),
            latency);
    }

    private static double Percentile(string output, int percentile)
    {
        foreach (Match match in DistributionLine().Matches(output))
        {
            if (match.Groups[1].Value == percentile.ToString(CultureInfo.InvariantCulture))
            {
                return Microseconds(match.Groups[2].Value);
            }
        }
        throw new FormatException($"wrk printed no {percentile}% latency (is --latency on?):\n{output}");
    }

    /// <summary>wrk's times: a number with us, ms, s, m or h (format_time_us / format_time_s).</summary>
    private static double Microseconds(string time)
    {
        var match = Time().Match(time);
        if (!match.Success)
        {
            throw new FormatException($"not a wrk time: {time}");
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value,
            "ms" => value * 1_000,
            "s" => value * 1_000_000,
            "m" => value * 60_000_000,
            _ => value * 3_600_000_000,
        };
    }

    private static Match Required(Regex pattern, string output, string what)
    {
        var match = pattern.Match(output);
        return match.Success ? match : throw new FormatException($"wrk printed no {what}:\n{output}");
    }

    [GeneratedRegex(@"^[ \t]*Latency[ \t]+\S+[ \t]+\S+[ \t]+(\S+)", RegexOptions.Multiline)]
    private static partial Regex LatencyStats();

    [GeneratedRegex(@"^[ \t]*(\d+)%[ \t]+(\S+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DistributionLine();

    [GeneratedRegex(@"^[ \t]*(\d+) requests in (\S+),", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex Rate();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"^([\d.]+)(us|ms|s|m|h)$")]
    private static partial Regex Time();
}
