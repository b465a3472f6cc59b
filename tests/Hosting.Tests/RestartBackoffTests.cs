using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Doubles_from_the_initial_delay_up_to_the_maximum()
    {
        var backoff = new RestartBackoff { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(10) };

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(n => backoff.DelayFor(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.DelayFor(1000));
    }

    [Fact]
    public void Counts_failures_from_one() => Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff().DelayFor(0));
}
