using System.Globalization;
using System.Runtime.CompilerServices;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers, structured-field lists):
/// <c>RateLimit-Policy: "name";q=quota;w=window-seconds</c> and <c>RateLimit: "name";r=remaining;t=reset-seconds</c>,
/// plus Retry-After (whole seconds, rounded up) for denials.
/// </summary>
public static class RateLimitHeaders
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string LimitHeader = "RateLimit";

    public static string Policy(IReadOnlyList<PolicyDecision> decisions) =>
        List(decisions, ";q=", static decision => decision.Decision.Limit, ";w=", static decision => Seconds(decision.Policy.Window));

    public static string Limit(IReadOnlyList<PolicyDecision> decisions) =>
        List(decisions, ";r=", static decision => decision.Decision.Remaining, ";t=", static decision => Seconds(decision.Decision.ResetAfter));

    /// <summary>Retry-After delay-seconds: never 0 for a denial, so clients cannot spin.</summary>
    public static long RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, Seconds(retryAfter));

    public static long Seconds(TimeSpan value) => (long)Math.Ceiling(Math.Max(0, value.TotalSeconds));

    /// <summary>
    /// One item per decision, "id";first=n;second=m, joined by ", ". Written into one buffer: both fields are built on
    /// every check, so no per-item strings.
    /// </summary>
    private static string List(IReadOnlyList<PolicyDecision> decisions, string first, Func<PolicyDecision, long> firstValue, string second, Func<PolicyDecision, long> secondValue)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        for (var i = 0; i < decisions.Count; i++)
        {
            if (i > 0)
            {
                text.AppendLiteral(", ");
            }
            AppendQuoted(ref text, decisions[i].Policy.Id);
            text.AppendLiteral(first);
            text.AppendFormatted(firstValue(decisions[i]));
            text.AppendLiteral(second);
            text.AppendFormatted(secondValue(decisions[i]));
        }
        return text.ToStringAndClear();
    }

    /// <summary>An sf-string: printable ASCII with backslash and double quote escaped.</summary>
    private static void AppendQuoted(ref DefaultInterpolatedStringHandler text, string value)
    {
        text.AppendFormatted('"');
        foreach (var character in value)
        {
            if (character is < ' ' or > '~')
            {
                throw new ArgumentException("structured-field strings carry printable ASCII only", nameof(value));
            }
            if (character is '"' or '\\')
            {
                text.AppendFormatted('\\');
            }
            text.AppendFormatted(character);
        }
        text.AppendFormatted('"');
    }
}
