namespace AmazonScale.UrlShortener.Domain;

/// <summary>The owner-editable fields of a short URL, validated and normalised.</summary>
public sealed record UrlDraft(
    string Target,
    string? Description,
    IReadOnlyList<string> Tags,
    DateTimeOffset? ExpiresAt,
    long? MaxVisits,
    bool ForwardQuery)
{
    public const int MaxDescriptionLength = 500;
    public const int MaxTags = 10;
    public const int MaxTagLength = 32;
    public const long MaxVisitsLimit = 1_000_000_000;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3650);

    /// <summary>Validates every field; on failure <paramref name="errors"/> maps snake_case field names to messages.</summary>
    public static bool TryCreate(
        string? url,
        string? description,
        IReadOnlyList<string?>? tags,
        DateTimeOffset? expiresAt,
        long? maxVisits,
        bool? forwardQuery,
        DateTimeOffset now,
        IReadOnlyCollection<string> ownDomains,
        out UrlDraft draft,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!TargetUrl.TryNormalize(url, ownDomains, out var target, out var urlError))
        {
            errors["url"] = [urlError];
        }
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"description must be at most {MaxDescriptionLength} characters."];
        }
        else if (description is not null && description.Any(char.IsControl))
        {
            errors["description"] = ["description must not contain control characters."];
        }
        if (TagErrors(tags) is { } tagError)
        {
            errors["tags"] = [tagError];
        }
        if (expiresAt is { } expiry && (expiry <= now || expiry > now + MaxLifetime))
        {
            errors["expires_at"] = ["expires_at must be in the future and within ten years."];
        }
        if (maxVisits is < 1 or > MaxVisitsLimit)
        {
            errors["max_visits"] = [$"max_visits must be between 1 and {MaxVisitsLimit}."];
        }

        var cleanTags = tags?.Select(t => t!).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        draft = new UrlDraft(target, string.IsNullOrEmpty(description) ? null : description, cleanTags, expiresAt, maxVisits, forwardQuery ?? false);
        return errors.Count == 0;
    }

    public static bool IsValidTag(string? tag) =>
        tag is { Length: > 0 and <= MaxTagLength } && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    private static string? TagErrors(IReadOnlyList<string?>? tags) => tags switch
    {
        null => null,
        { Count: > MaxTags } => $"at most {MaxTags} tags are allowed.",
        _ when !tags.All(IsValidTag) => $"each tag must be 1-{MaxTagLength} characters of A-Z, a-z, 0-9, '_', '-', '.', ':'.",
        _ => null,
    };
}
