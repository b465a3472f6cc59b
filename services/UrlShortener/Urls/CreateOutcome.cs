using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Urls;

public enum CreateStatus
{
    Created,
    Invalid,
    AliasTaken,
}

/// <summary>Result of creating one short URL (shared by the single and bulk endpoints).</summary>
public sealed record CreateOutcome(CreateStatus Status, ShortUrl? Url = null, Dictionary<string, string[]>? Errors = null)
{
    public static CreateOutcome Invalid(Dictionary<string, string[]> errors) => new(CreateStatus.Invalid, Errors: errors);
}
