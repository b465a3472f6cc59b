namespace AmazonScale.RateLimiter.Domain;

public enum DecisionOutcome
{
    Allowed,
    Denied,

    /// <summary>A shadow policy would have denied; the check was not blocked by it.</summary>
    ShadowDenied,
}
