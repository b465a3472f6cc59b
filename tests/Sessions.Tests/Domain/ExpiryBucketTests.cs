using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Tests.Domain;

public sealed class ExpiryBucketTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 22, 12, 0, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(30 * 60, 60)]
    [InlineData(7 * 24 * 3600, 3600)]
    [InlineData(3, 1)]
    [InlineData(95, 3)]
    public void The_slot_width_is_a_thirtieth_of_the_idle_timeout_between_one_second_and_one_hour(int idleSeconds, int widthSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(widthSeconds), ExpiryBucket.WidthFor(TimeSpan.FromSeconds(idleSeconds)));

    [Fact]
    public void A_bucket_is_due_at_the_end_of_the_first_slot_after_the_deadline()
    {
        var bucket = ExpiryBucket.For("a" + new string('0', 31), Deadline, TimeSpan.FromMinutes(30));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 1, 0, TimeSpan.Zero), bucket.DueAt);
        var exact = ExpiryBucket.For("a" + new string('0', 31), Deadline.AddSeconds(30), TimeSpan.FromMinutes(30));
        Assert.True(exact.DueAt > Deadline.AddSeconds(30));
    }

    [Fact]
    public void Sessions_with_deadlines_in_one_slot_share_a_bucket_per_shard()
    {
        var first = ExpiryBucket.For("3" + new string('f', 31), Deadline, TimeSpan.FromMinutes(30));
        var sameSlot = ExpiryBucket.For("b" + new string('0', 31), Deadline.AddSeconds(20), TimeSpan.FromMinutes(30));
        var nextSlot = ExpiryBucket.For("3" + new string('0', 31), Deadline.AddSeconds(40), TimeSpan.FromMinutes(30));

        Assert.Equal(first, sameSlot);
        Assert.NotEqual(first.Id, nextSlot.Id);
        var shards = Enumerable.Range(0, 16).Select(digit => ExpiryBucket.For(digit.ToString("x") + new string('0', 31), Deadline, TimeSpan.FromMinutes(30)).Id).Distinct();
        Assert.Equal(ExpiryBucket.Shards, shards.Count());
    }
}
