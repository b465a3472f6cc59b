namespace AmazonScale.UrlShortener.Domain;

/// <summary>Custom aliases: 3–30 characters of [A-Za-z0-9_-], never a word our own routes use.</summary>
public static class AliasRules
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    // Path segments the service (or a reverse proxy in front of it) owns, compared case-insensitively
    // so "/API" on a case-insensitive proxy cannot shadow them.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "admin", "r", "health", "alive", "openapi", "dapr", "events", "metrics", "static",
        "assets", "login", "logout", "favicon.ico", "robots.txt", "www", "docs", "swagger",
    };

    public static bool IsAllowedCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Null when the alias is acceptable, else why not.</summary>
    public static string? Validate(string alias)
    {
        if (alias.Length is < MinLength or > MaxLength)
        {
            return $"custom_alias must be {MinLength}-{MaxLength} characters long.";
        }
        if (!alias.All(IsAllowedCharacter))
        {
            return "custom_alias may contain only A-Z, a-z, 0-9, '_' and '-'.";
        }
        return Reserved.Contains(alias) ? $"custom_alias '{alias}' is reserved." : null;
    }
}
