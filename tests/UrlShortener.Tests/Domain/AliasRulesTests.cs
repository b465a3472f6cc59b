using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class AliasRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("Spring-Sale_2026")]
    [InlineData("012345678901234567890123456789")]
    public void Valid_aliases_pass(string alias) => Assert.Null(AliasRules.Validate(alias));

    [Theory]
    [InlineData("ab", "3-30")]
    [InlineData("0123456789012345678901234567890", "3-30")]
    [InlineData("with space", "only")]
    [InlineData("slash/es", "only")]
    [InlineData("emoji😀x", "only")]
    [InlineData("drop';--", "only")]
    [InlineData("ﬁle", "only")]
    [InlineData("api", "reserved")]
    [InlineData("ADMIN", "reserved")]
    [InlineData("Health", "reserved")]
    public void Invalid_aliases_say_why(string alias, string reason) =>
        Assert.Contains(reason, AliasRules.Validate(alias));
}
