namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Turns user input into the one canonical http(s) URL we store, or says why it is refused. Refused:
/// non-http(s) schemes (javascript:, data:, file:…), credentials in the authority, invisible or
/// direction-changing characters, lookalike dots and mixed-script host labels (homograph tricks), and
/// targets that point back at this service (own domains, localhost, loopback IPs in any notation —
/// Uri already folds 2130706433 and 0x7f.1 to 127.0.0.1). Hosts are stored in IDNA (punycode) form.
/// </summary>
public static class TargetUrl
{
    public const int MaxLength = 2048;

    // Dots that IDNA maps to '.', used to smuggle a different registrable domain past a reader.
    private static readonly char[] LookalikeDots = ['\u3002', '\uFF0E', '\uFF61'];

    public static bool TryNormalize(string? input, IReadOnlyCollection<string> ownDomains, out string normalized, out string error)
    {
        normalized = "";
        error = Check(input, ownDomains, ref normalized) ?? "";
        return error.Length == 0;
    }

    private static string? Check(string? input, IReadOnlyCollection<string> ownDomains, ref string normalized)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "url is required.";
        }
        if (text.Length > MaxLength)
        {
            return $"url must be at most {MaxLength} characters.";
        }
        if (text.Any(IsHiddenCharacter))
        {
            return "url contains whitespace, control, invisible or text-direction characters.";
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "url must be an absolute http or https URL.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "url must not contain credentials.";
        }
        if (uri.Host.IndexOfAny(LookalikeDots) >= 0 || uri.Host.Split('.').Any(HostScripts.IsMixedScriptLabel))
        {
            return "url host uses lookalike characters.";
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0)
        {
            return "url must name a host.";
        }
        if (PointsAtUs(uri, host, ownDomains))
        {
            return "url must not point back at this service.";
        }

        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        normalized = $"{uri.Scheme}://{host}{port}{uri.PathAndQuery}{uri.Fragment}";
        return normalized.Length > MaxLength ? $"url must be at most {MaxLength} characters once normalised." : null;
    }

    /// <summary>True when <paramref name="host"/> (IDNA form, no trailing dot) is one of ours or a subdomain of one.</summary>
    public static bool IsOwnHost(string host, IReadOnlyCollection<string> ownDomains) =>
        ownDomains.Any(own => host.Equals(own, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + own, StringComparison.OrdinalIgnoreCase));

    private static bool PointsAtUs(Uri uri, string host, IReadOnlyCollection<string> ownDomains) =>
        uri.IsLoopback
        || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || IsOwnHost(host, ownDomains);

    private static bool IsHiddenCharacter(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c)
        || c is '\u00AD' or '\u180E' or '\uFEFF'
        || c is >= '\u200B' and <= '\u200F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2060' and <= '\u2069';
}
