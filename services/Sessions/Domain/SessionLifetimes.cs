namespace AmazonScale.Sessions.Domain;

/// <summary>
/// How long credentials and sessions live (configuration section "Sessions:Lifetimes"). A session ends at the first of
/// its absolute expiry (the refresh token's lifetime: long with remember-me) and its idle deadline (sliding: every
/// validation or refresh moves it).
/// </summary>
public sealed class SessionLifetimes
{
    public TimeSpan AccessToken { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Session { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan RememberMeSession { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RememberMeIdle { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A refresh token superseded less than this long ago is answered 401 without revoking the session: the caller
    /// raced itself (two tabs, a retried request). Any older token, or the same one later, is true reuse.
    /// </summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    public DateTimeOffset SessionExpiry(DateTimeOffset createdAt, bool rememberMe) => createdAt + (rememberMe ? RememberMeSession : Session);

    /// <summary>An access token never outlives its session.</summary>
    public DateTimeOffset AccessExpiry(DateTimeOffset issuedAt, DateTimeOffset sessionExpiresAt) =>
        Min(issuedAt + AccessToken, sessionExpiresAt);

    public TimeSpan IdleTimeout(bool rememberMe) => rememberMe ? RememberMeIdle : Idle;

    public DateTimeOffset IdleDeadline(DateTimeOffset lastSeenAt, bool rememberMe) => lastSeenAt + IdleTimeout(rememberMe);

    /// <summary>When the session ends unless it is used again before then.</summary>
    public DateTimeOffset Deadline(DateTimeOffset lastSeenAt, DateTimeOffset sessionExpiresAt, bool rememberMe) =>
        Min(IdleDeadline(lastSeenAt, rememberMe), sessionExpiresAt);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
