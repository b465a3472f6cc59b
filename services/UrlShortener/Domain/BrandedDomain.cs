namespace AmazonScale.UrlShortener.Domain;

/// <summary>Host names owners register to serve their codes as https://{host}/{code}.</summary>
public static class BrandedDomain
{
    public const int MaxLength = 253;

    /// <summary>Lower-case IDNA form of a plain DNS host name (no scheme, port, path or IP literal).</summary>
    public static bool TryNormalize(string? host, out string normalized)
    {
        normalized = "";
        var text = host?.Trim().TrimEnd('.') ?? "";
        if (text.Length is 0 or > MaxLength || Uri.CheckHostName(text) != UriHostNameType.Dns
            || !Uri.TryCreate($"http://{text}/", UriKind.Absolute, out var uri) || uri.Host.Split('.').Any(HostScripts.IsMixedScriptLabel))
        {
            return false;
        }
        normalized = uri.IdnHost.ToLowerInvariant();
        return normalized.Contains('.') && normalized.Length <= MaxLength;
    }
}
