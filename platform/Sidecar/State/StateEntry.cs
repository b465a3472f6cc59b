namespace AmazonScale.Sidecar.State;

/// <summary>A stored value as read back: the original bytes (base64 already decoded for binary values).</summary>
public sealed record StateEntry(byte[] Value, bool IsBinary, string ETag, DateTimeOffset? ExpiresAt);
