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

    [Fact]
    public void The_local_limiter_drops_past_windows_once_a_window_when_it_holds_too_many_keys()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new LocalWindowLimiter(clock, TimeSpan.FromSeconds(10), maxKeys: 3);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            limiter.Acquire(key);
        }
        Assert.Equal(4, limiter.Keys); // all in the current window: nothing to drop
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limiter.Acquire("a"));
        Assert.Equal(1, limiter.Keys);
        Assert.True(limiter.TryAcquire("e", 1));
        Assert.Equal(2, limiter.Keys);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("203.0.113.0", "203.0.113.0/24")]
    [InlineData("::ffff:198.51.100.200", "198.51.100.0/24")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::/48")]
    [InlineData("2001:db8:abcd:ffff::1", "2001:db8:abcd::/48")]
    [InlineData("::1", "::/48")]
    public void Addresses_are_grouped_by_their_ipv4_24_or_ipv6_48_network(string address, string network) =>
        Assert.Equal(network, ClientNetwork.Of(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void The_local_limiter_reports_a_keys_count_in_the_window_for_graded_thresholds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new LocalWindowLimiter(clock, TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => limiter.Acquire("network:192.0.2.0/24")));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limiter.Acquire("network:192.0.2.0/24"));
    }
}
