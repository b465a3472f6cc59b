using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Events;

/// <summary>
/// Security analytics events, published on "pubsub" (topic = type name) for the activity and metrics services.
/// They carry ids, devices, IPs and countries — never token material.
/// </summary>
public interface ISecurityEvent
{
    string EventId { get; }
    string UserId { get; }
    DateTimeOffset OccurredAt { get; }
}

/// <summary>An existing user opened a session from a device id not seen among their recent logins.</summary>
public sealed record NewDeviceLogin(string EventId, string UserId, string SessionId, Device Device, ClientContext Client, DateTimeOffset OccurredAt) : ISecurityEvent;

/// <summary>A session's access token was used from another IP (and perhaps another country) than before.</summary>
public sealed record SessionIpChanged(
    string EventId, string UserId, string SessionId, string? PreviousIp, string? Ip, string? PreviousCountry, string? Country, DateTimeOffset OccurredAt) : ISecurityEvent;

/// <summary>An already rotated refresh token came back: it leaked. The session family was revoked.</summary>
public sealed record RefreshTokenReused(string EventId, string UserId, string SessionId, int Generation, ClientContext Client, DateTimeOffset OccurredAt) : ISecurityEvent;

/// <summary>A login pushed the user over the per-user session cap; the oldest sessions were revoked.</summary>
public sealed record SessionLimitExceeded(
    string EventId, string UserId, string SessionId, IReadOnlyList<string> EvictedSessionIds, int Limit, DateTimeOffset OccurredAt) : ISecurityEvent;

/// <summary>A session ended: logout, logout everywhere, eviction, refresh reuse or expiry.</summary>
public sealed record SessionEnded(string EventId, string UserId, string SessionId, string Reason, DateTimeOffset OccurredAt) : ISecurityEvent;
