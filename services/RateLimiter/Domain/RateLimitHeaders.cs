using System.Text;

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

    public static string Policy(IEnumerable<PolicyDecision> decisions) =>
        string.Join(", ", decisions.Select(decision =>
            $"{Quote(decision.Policy.Id)};q={decision.Decision.Limit};w={Seconds(decision.Policy.Window)}"));

    public static string Limit(IEnumerable<PolicyDecision> decisions) =>
        string.Join(", ", decisions.Select(decision =>
            $"{Quote(decision.Policy.Id)};r={decision.Decision.Remaining};t={Seconds(decision.Decision.ResetAfter)}"));

    /// <summary>Retry-After delay-seconds: never 0 for a denial, so clients cannot spin.</summary>
    public static long RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, Seconds(retryAfter));

    public static long Seconds(TimeSpan value) => (long)Math.Ceiling(Math.Max(0, value.TotalSeconds));

    /// <summary>An sf-string: printable ASCII with backslash and double quote escaped.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var character in value)
        {
            if (character is < ' ' or > '~')
            {
                throw new ArgumentException("structured-field strings carry printable ASCII only", nameof(value));
            }
            if (character is '"' or '\\')
            {
                builder.Append('\\');
            }
            builder.Append(character);
        }
        return builder.Append('"').ToString();
    }
}
