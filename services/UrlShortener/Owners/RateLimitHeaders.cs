using System.Globalization;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>IETF RateLimit / RateLimit-Policy headers (draft-ietf-httpapi-ratelimit-headers) for the monthly create quota.</summary>
public static class RateLimitHeaders
{
    public const string PolicyName = "monthly";

    public static void Write(HttpResponse response, QuotaDecision quota)
    {
        response.Headers["RateLimit-Policy"] = Invariant($"\"{PolicyName}\";q={quota.Limit};w={quota.WindowSeconds}");
        response.Headers["RateLimit"] = Invariant($"\"{PolicyName}\";r={quota.Remaining};t={quota.ResetSeconds}");
    }

    public static void WriteRetryAfter(HttpResponse response, QuotaDecision quota) =>
        response.Headers.RetryAfter = quota.ResetSeconds.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
