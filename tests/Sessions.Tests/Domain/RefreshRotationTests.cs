using AmazonScale.Sessions.Domain;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.Sessions.Tests.Domain;

public sealed class RefreshRotationTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly SessionLifetimes _lifetimes = new() { RefreshReuseGrace = TimeSpan.FromSeconds(10) };

    [Fact]
    public void The_current_refresh_token_rotates_both_tokens()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var next = TokenPair.Issue(session.SessionId);

        var result = session.Refresh(tokens.Refresh.Hash(), next.Hashes(), new ClientContext("198.51.100.9", null, null), _clock.GetUtcNow(), _lifetimes);

        Assert.Equal(RefreshOutcome.Rotated, result.Outcome);
        var rotated = result.Session!;
        Assert.Equal(2, rotated.Generation);
        Assert.Equal(next.Access.Hash(), rotated.AccessHash);
        Assert.Equal(next.Refresh.Hash(), rotated.RefreshHash);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(15), rotated.AccessExpiresAt);
        Assert.Equal(_clock.GetUtcNow(), rotated.LastSeenAt);
        Assert.Equal(session.ExpiresAt, rotated.ExpiresAt);
        Assert.Equal("198.51.100.9", rotated.Client.Ip);
        Assert.Equal(SessionFactory.Browser.UserAgent, rotated.Client.UserAgent);
        Assert.Equal(tokens.Refresh.Hash(), Assert.Single(rotated.Superseded).Hash);
    }

    [Fact]
    public void The_token_just_rotated_away_is_a_lost_race_within_the_grace_period_and_reuse_after_it()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var rotated = Rotate(session, tokens.Refresh).Record;

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(RefreshOutcome.RaceLost, Present(rotated, tokens.Refresh));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RefreshOutcome.Reused, Present(rotated, tokens.Refresh));
    }

    [Fact]
    public void A_token_two_generations_old_is_reuse_even_inside_the_grace_period()
    {
        var (session, first) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var (second, secondTokens) = Rotate(session, first.Refresh);
        var (third, _) = Rotate(second, secondTokens.Refresh);

        Assert.Equal(RefreshOutcome.Reused, Present(third, first.Refresh));
        Assert.Equal(RefreshOutcome.RaceLost, Present(third, secondTokens.Refresh));
    }

    [Fact]
    public void Unknown_tokens_and_access_tokens_do_not_count_as_reuse()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        Assert.Equal(RefreshOutcome.Unknown, Present(session, SessionToken.Issue(TokenKind.Refresh, session.SessionId)));
        Assert.Equal(RefreshOutcome.Unknown, Present(session, tokens.Access));
    }

    [Fact]
    public void An_ended_session_refuses_even_its_current_refresh_token()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        _clock.Advance(_lifetimes.Idle);
        Assert.Equal(RefreshOutcome.Ended, Present(session, tokens.Refresh));
    }

    [Fact]
    public void Only_the_most_recent_superseded_hashes_are_kept()
    {
        var (session, tokens) = SessionFactory.Open(_clock.GetUtcNow(), _lifetimes);
        var current = tokens.Refresh;
        for (var rotation = 0; rotation < SessionRecord.MaxSupersededKept + 5; rotation++)
        {
            (session, var next) = Rotate(session, current);
            current = next.Refresh;
        }
        Assert.Equal(SessionRecord.MaxSupersededKept, session.Superseded.Count);
        Assert.Equal(SessionRecord.MaxSupersededKept + 6, session.Generation);
    }

    private (SessionRecord Record, TokenPair Tokens) Rotate(SessionRecord session, SessionToken refresh)
    {
        var next = TokenPair.Issue(session.SessionId);
        var result = session.Refresh(refresh.Hash(), next.Hashes(), ClientContext.Unknown, _clock.GetUtcNow(), _lifetimes);
        Assert.Equal(RefreshOutcome.Rotated, result.Outcome);
        return (result.Session!, next);
    }

    private RefreshOutcome Present(SessionRecord session, SessionToken token) =>
        session.Refresh(token.Hash(), TokenPair.Issue(session.SessionId).Hashes(), ClientContext.Unknown, _clock.GetUtcNow(), _lifetimes).Outcome;
}
