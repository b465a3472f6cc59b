using AmazonScale.FlashSale.Domain;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class BotDefenceRulesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("curl/8.5.0", true)]
    [InlineData("python-requests/2.31", true)]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1)", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0", true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36", false)]
    public void Obvious_bot_user_agents_are_recognised(string? userAgent, bool bot) => Assert.Equal(bot, BotUserAgents.IsObviousBot(userAgent));

    [Fact]
    public void A_solved_challenge_passes_only_for_its_client_and_before_it_expires()
    {
        var work = new ProofOfWork(new TokenSigner(new byte[32]));
        var now = DateTimeOffset.UtcNow;
        // 16 bits: an arbitrary wrong answer passes with probability 1/65536.
        var challenge = work.Issue("ip:1.2.3.4", now.AddMinutes(1), difficultyBits: 16);
        var solution = ProofOfWork.Solve(challenge, 16);
        Assert.True(work.IsSolved(challenge, solution, "ip:1.2.3.4", now));
        Assert.False(work.IsSolved(challenge, solution, "ip:5.6.7.8", now));
        Assert.False(work.IsSolved(challenge, solution, "ip:1.2.3.4", now.AddMinutes(2)));
        Assert.False(work.IsSolved(challenge, "not-a-solution-" + solution, "ip:1.2.3.4", now));
        Assert.False(work.IsSolved(challenge, "", "ip:1.2.3.4", now));
        Assert.False(work.IsSolved(challenge + "x", solution, "ip:1.2.3.4", now));
    }

    [Fact]
    public void The_local_limiter_counts_per_key_and_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new LocalWindowLimiter(clock, TimeSpan.FromSeconds(10));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire("a", 2)));
        Assert.True(limiter.TryAcquire("b", 2));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAcquire("a", 2));
    }
}
