using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Errors;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Tests.State;

public sealed class StateKeyPrefixTests
{
    [Theory]
    [InlineData(null, null, "orders||k")]
    [InlineData("appid", null, "orders||k")]
    [InlineData("name", null, "cart||k")]
    [InlineData("namespace", "prod", "prod.orders||k")]
    [InlineData("namespace", null, "orders||k")]
    [InlineData("none", null, "k")]
    [InlineData("shared-cache", null, "shared-cache||k")]
    public void Applies_daprds_strategies(string? strategy, string? @namespace, string expected)
    {
        var prefix = StateKeyPrefix.For(Component(strategy), "orders", @namespace);

        Assert.Equal(expected, prefix.Apply("k"));
    }

    [Fact]
    public void Keys_with_the_separator_are_a_malformed_request()
    {
        var prefix = StateKeyPrefix.For(Component(null), "orders", null);

        var error = Assert.Throws<DaprException>(() => prefix.Apply("other||k"));

        Assert.Equal("ERR_MALFORMED_REQUEST", error.Error.ErrorCode);
        Assert.Equal(400, error.Error.HttpStatus);
    }

    [Fact]
    public void A_literal_prefix_with_the_separator_fails_at_load()
    {
        Assert.Throws<ComponentException>(() => StateKeyPrefix.For(Component("a||b"), "orders", null));
    }

    private static ComponentResource Component(string? keyPrefix)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (keyPrefix is not null)
        {
            metadata["keyPrefix"] = keyPrefix;
        }
        return new ComponentResource("cart", "state.in-memory", "v1", metadata, false, "cart.yaml");
    }
}
