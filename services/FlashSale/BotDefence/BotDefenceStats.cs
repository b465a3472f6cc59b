namespace AmazonScale.FlashSale.BotDefence;

/// <summary>Counts of what bot defence did (also exported as metrics), read by the stats endpoint and the bench.</summary>
public sealed class BotDefenceStats(FlashSaleMetrics metrics)
{
    private long _userAgentBlocked;
    private long _rateLimited;
    private long _challengeRequired;
    private long _challengePassed;
    private long _localDecisions;

    public sealed record Counts(long UserAgentBlocked, long RateLimited, long ChallengeRequired, long ChallengePassed, long LocalDecisions)
    {
        public long Blocked => UserAgentBlocked + RateLimited + ChallengeRequired;
    }

    public Counts Read() => new(
        Interlocked.Read(ref _userAgentBlocked), Interlocked.Read(ref _rateLimited), Interlocked.Read(ref _challengeRequired),
        Interlocked.Read(ref _challengePassed), Interlocked.Read(ref _localDecisions));

    public void UserAgentBlocked() => Count(ref _userAgentBlocked, "user_agent");

    public void RateLimited() => Count(ref _rateLimited, "rate_limited");

    public void ChallengeRequired() => Count(ref _challengeRequired, "challenge_required");

    public void ChallengePassed() => Interlocked.Increment(ref _challengePassed);

    public void LocalDecision() => Interlocked.Increment(ref _localDecisions);

    private void Count(ref long counter, string reason)
    {
        Interlocked.Increment(ref counter);
        metrics.Blocked(reason);
    }
}
