namespace AmazonScale.Sessions.Domain;

/// <summary>One line of a user's device list. <see cref="ExpiresAt"/> is the absolute expiry, for pruning entries whose end was missed.</summary>
public sealed record UserSessionEntry(string SessionId, Device Device, ClientContext Client, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
