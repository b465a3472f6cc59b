using AmazonScale.Sidecar.Actors.Placement;

namespace AmazonScale.Sidecar.Tests.Actors.Placement;

public sealed class HashRingTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 10_000).Select(i => $"Counter||{i}").ToArray();

    private static HashRing<string> Ring(params string[] members) => new(members, m => m);

    [Fact]
    public void Empty_ring_has_no_owner() => Assert.Null(Ring().OwnerOf("Counter||1"));

    [Fact]
    public void Every_process_computes_the_same_owner_whatever_the_member_order()
    {
        var first = Ring("a", "b", "c");
        var second = Ring("c", "a", "b");
        Assert.All(Keys, key => Assert.Equal(first.OwnerOf(key), second.OwnerOf(key)));
    }

    [Fact]
    public void Keys_spread_roughly_evenly()
    {
        var ring = Ring("a", "b", "c", "d");
        var counts = Keys.GroupBy(k => ring.OwnerOf(k)!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 1_750, 3_250));
    }

    [Fact]
    public void Removing_a_member_moves_only_its_keys()
    {
        var before = Ring("a", "b", "c");
        var after = Ring("a", "c");
        foreach (var key in Keys)
        {
            var owner = before.OwnerOf(key);
            if (owner != "b")
            {
                Assert.Equal(owner, after.OwnerOf(key));
            }
        }
    }

    [Fact]
    public void Stable_hash_is_fixed_across_runs() =>
        Assert.Equal(StableHash.Of("Counter||42"), StableHash.Of(string.Concat("Counter", "||", "42")));
}
