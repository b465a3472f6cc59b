using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class ShortCodeTests
{
    [Fact]
    public void Random_codes_are_seven_base62_characters()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = ShortCode.NewRandom();
            Assert.Equal(ShortCode.Length, code.Length);
            Assert.True(code.All(char.IsAsciiLetterOrDigit), code);
        }
    }

    [Fact]
    public void Random_codes_do_not_repeat_or_follow_a_sequence()
    {
        var codes = Enumerable.Range(0, 100_000).Select(_ => ShortCode.NewRandom()).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Consecutive codes share no common prefix beyond chance: no counter hides in them.
        var sharedFirstChar = codes.Zip(codes.Skip(1)).Count(pair => pair.First[0] == pair.Second[0]);
        Assert.InRange(sharedFirstChar, 0, codes.Count / 62 * 2);
    }

    [Fact]
    public void Every_base62_character_is_used()
    {
        var seen = Enumerable.Range(0, 2000).SelectMany(_ => ShortCode.NewRandom()).ToHashSet();
        Assert.Equal(62, seen.Count);
    }

    [Theory]
    [InlineData("abc1234", true)]
    [InlineData("my-alias_2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("semi;colon", false)]
    [InlineData("ünï", false)]
    [InlineData("1234567890123456789012345678901", false)]
    public void Well_formed_codes_are_what_a_redirect_may_look_up(string code, bool expected) =>
        Assert.Equal(expected, ShortCode.IsWellFormed(code));
}
