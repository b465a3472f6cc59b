using AmazonScale.Sessions.Domain;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.Sessions.Tests.Domain;

public sealed class SessionExpiryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly SessionLifetimes _lifetimes = new()
    {
        AccessToken = TimeSpan.FromMinutes(15),
        Session = TimeSpan.FromHours(8),
        RememberMeSession = TimeSpan.FromDays(30),
        Idle = TimeSpan.FromMinutes(30),
        RememberMeIdle = TimeSpan.FromDays(7),
    };

    [Fact]
    public void A_new_session_expires_by_its_lifetime_and_its_access_token_after_the_access_lifetime()
    {
        var start = _clock.GetUtcNow();
        var (session, _) = SessionFactory.Open(start, _lifetimes);
        var (remembered, _) = SessionFactory.Open(start, _lifetimes, rememberMe: true);

        Assert.Equal(start.AddHours(8), session.ExpiresAt);
        Assert.Equal(start.AddDays(30), remembered.ExpiresAt);
        Assert.Equal(start.AddMinutes(15), session.AccessExpiresAt);
        Assert.Equal(start.AddMinutes(30), session.Deadline(_lifetimes));
        Assert.Equal(start.AddDays(7), remembered.Deadline(_lifetimes));
    }

    [Fact]
    public void An_access_token_never_outlives_its_session()
    {
        var issuedAt = _clock.GetUtcNow();
        Assert.Equal(issuedAt.AddMinutes(5), _lifetimes.AccessExpiry(issuedAt, sessionExpiresAt: issuedAt.AddMinutes(5)));
    }

    [Fact]
    public void Use_slides_the_idle_deadline_but_never_past_the_absolute_expiry()
    {
        var start = _clock.GetUtcNow();
        var (session, _) = SessionFactory.Open(start, _lifetimes);
        while (_clock.GetUtcNow() + TimeSpan.FromMinutes(29) < session.ExpiresAt)
        {
            _clock.Advance(TimeSpan.FromMinutes(29));
            Assert.False(session.HasEnded(_clock.GetUtcNow(), _lifetimes));
            session = session.Touch(_clock.GetUtcNow(), ClientContext.Unknown);
        }
        Assert.True(_clock.GetUtcNow() - start > TimeSpan.FromHours(7));
        Assert.Equal(session.ExpiresAt, session.Deadline(_lifetimes));
        _clock.SetUtcNow(session.ExpiresAt);
        Assert.True(session.HasEnded(_clock.GetUtcNow(), _lifetimes));
    }

    [Fact]
    public void An_idle_session_ends_exactly_at_its_idle_deadline()
    {
        var (session, _) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        Assert.False(session.HasEnded(_clock.GetUtcNow(), _lifetimes));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(session.HasEnded(_clock.GetUtcNow(), _lifetimes));
    }

    [Fact]
    public void A_late_touch_never_moves_the_last_use_backwards()
    {
        var (session, _) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var touched = session.Touch(_clock.GetUtcNow().AddMinutes(10), ClientContext.Unknown).Touch(_clock.GetUtcNow().AddMinutes(5), ClientContext.Unknown);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10), touched.LastSeenAt);
    }

    [Fact]
    public void Validation_verdicts_follow_the_clock()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var snapshot = session.Snapshot();
        var hash = tokens.Access.Hash();

        Assert.Equal(AccessVerdict.Valid, Check());
        Assert.Equal(AccessVerdict.WrongToken, snapshot.Check(tokens.Refresh.Hash(), ClientContext.Unknown, snapshot.LastSeenAt, _clock.GetUtcNow(), _lifetimes));
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(AccessVerdict.TokenExpired, Check());
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(AccessVerdict.SessionEnded, Check());
        // A use this instance saw (not yet in the snapshot) keeps the session alive.
        Assert.Equal(AccessVerdict.TokenExpired, snapshot.Check(hash, ClientContext.Unknown, _clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow(), _lifetimes));

        AccessVerdict Check() => snapshot.Check(hash, ClientContext.Unknown, snapshot.LastSeenAt, _clock.GetUtcNow(), _lifetimes);
    }

    [Fact]
    public void Binding_checks_compare_the_user_agent_always_and_the_ip_only_when_bound()
    {
        var (loose, looseTokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var (bound, boundTokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes, bindIp: true);
        var otherIp = SessionFactory.Browser with { Ip = "198.51.100.1" };
        var otherAgent = SessionFactory.Browser with { UserAgent = "curl/8.0" };

        Assert.Equal(AccessVerdict.Valid, Check(loose, looseTokens, otherIp));
        Assert.Equal(AccessVerdict.BindingMismatch, Check(loose, looseTokens, otherAgent));
        Assert.Equal(AccessVerdict.BindingMismatch, Check(bound, boundTokens, otherIp));
        Assert.Equal(AccessVerdict.Valid, Check(bound, boundTokens, ClientContext.Unknown));

        AccessVerdict Check(SessionRecord record, TokenPair tokens, ClientContext client) =>
            record.Snapshot().Check(tokens.Access.Hash(), client, record.LastSeenAt, _clock.GetUtcNow(), _lifetimes);
    }
}
