namespace AmazonScale.Sessions.Domain;

/// <summary>A refresh token that was rotated away: presenting it again is reuse (or, within the grace period, a race).</summary>
public sealed record SupersededRefreshToken(byte[] Hash, DateTimeOffset RotatedAt);
