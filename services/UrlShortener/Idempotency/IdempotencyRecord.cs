namespace AmazonScale.UrlShortener.Idempotency;

/// <summary>
/// A reserved or completed Idempotency-Key: the fingerprint of the request it was first used with and,
/// once done, the response to replay (status, Location, JSON body).
/// </summary>
public sealed record IdempotencyRecord(string RequestFingerprint, bool Completed, int Status = 0, string? Location = null, string? Body = null);
