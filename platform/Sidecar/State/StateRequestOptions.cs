using System.Globalization;
using AmazonScale.Sidecar.Errors;

namespace AmazonScale.Sidecar.State;

/// <summary>Parses the per-request strings of the state API (concurrency, consistency, ttlInSeconds) as daprd does.</summary>
public static class StateRequestOptions
{
    public const string TtlMetadataKey = "ttlInSeconds";
    public const string TtlExpireTimeMetadataKey = "ttlExpireTime";

    public static StateConcurrency ParseConcurrency(string? value) => value switch
    {
        null or "" => StateConcurrency.Unspecified,
        "first-write" => StateConcurrency.FirstWrite,
        "last-write" => StateConcurrency.LastWrite,
        _ => throw CommonErrors.MalformedRequest($"unrecognized concurrency model '{value}'").ToException(),
    };

    public static StateConsistency ParseConsistency(string? value) => value switch
    {
        null or "" => StateConsistency.Unspecified,
        "eventual" => StateConsistency.Eventual,
        "strong" => StateConsistency.Strong,
        _ => throw CommonErrors.MalformedRequest($"unrecognized consistency model '{value}'").ToException(),
    };

    /// <summary>
    /// Null when the item sets no ttlInSeconds; a zero or negative span (-1) means "never expires" explicitly,
    /// which Redis turns into PERSIST.
    /// </summary>
    public static TimeSpan? ParseTtl(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(TtlMetadataKey, out var text) || text.Length == 0)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds >= -1
            ? TimeSpan.FromSeconds(seconds)
            : throw StateErrors.InvalidTtl(text).ToException();
    }

    /// <summary>An empty ETag means "no ETag" for every store, as in daprd's HasETag().</summary>
    public static string? NormalizeETag(string? etag) => string.IsNullOrEmpty(etag) ? null : etag;

    /// <summary>Response metadata of a read: ttlExpireTime in RFC 3339 (UTC, seconds) when the entry expires.</summary>
    public static Dictionary<string, string> ResponseMetadata(StateEntry entry)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.ExpiresAt is { } expires)
        {
            metadata[TtlExpireTimeMetadataKey] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        return metadata;
    }
}
