using System.Text;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class StableHashTests
{
    [Theory]
    [InlineData("abc", 0x1A47E90Bu)]
    [InlineData("", 2166136261u)]
    public void A_stable_hash_is_fnv_1a_of_the_utf8_bytes(string text, uint expected) => Assert.Equal(expected, StableHash.Of(text));

    [Fact]
    public void Texts_too_long_for_the_stack_hash_the_same_way()
    {
        var text = string.Concat(Enumerable.Repeat("é-42", 200));
        var expected = Encoding.UTF8.GetBytes(text).Aggregate(2166136261u, (hash, b) => (hash ^ b) * 16777619u);
        Assert.Equal(expected, StableHash.Of(text));
    }
}
