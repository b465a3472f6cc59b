using System.Text.Json.Nodes;
using AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

namespace AmazonScale.Sidecar.Tests.PubSub;

public sealed class CelExpressionTests
{
    private static readonly JsonObject Event = JsonNode.Parse("""
        {"id":"1","type":"widget","source":"factory","data":{"weight":12.5,"count":3,"tags":["a","b"],"owner":{"name":"ann"},"fragile":false,"note":null}}
        """)!.AsObject();

    [Theory]
    [InlineData("event.type == \"widget\"", true)]
    [InlineData("event.type == 'gadget'", false)]
    [InlineData("event.type != \"gadget\"", true)]
    [InlineData("event.data.weight > 10 && event.data.count <= 3", true)]
    [InlineData("event.data.weight < 10 || event.source == \"factory\"", true)]
    [InlineData("!(event.data.fragile)", true)]
    [InlineData("event.data.fragile == false", true)]
    [InlineData("event.data.owner.name == \"ann\"", true)]
    [InlineData("event[\"type\"] == \"widget\"", true)]
    [InlineData("event.data.tags[1] == \"b\"", true)]
    [InlineData("\"a\" in event.data.tags", true)]
    [InlineData("event.type in [\"gadget\", \"widget\"]", true)]
    [InlineData("\"owner\" in event.data", true)]
    [InlineData("event.data.note == null", true)]
    [InlineData("event.data.count == 3 && -event.data.count == -3", true)]
    [InlineData("event.missing == \"x\"", false)]
    [InlineData("event.missing == \"x\" || event.type == \"widget\"", true)]
    [InlineData("event.missing == \"x\" && event.type == \"gadget\"", false)]
    [InlineData("event.missing == \"x\" && event.type == \"widget\"", false)]
    [InlineData("event.type && true", false)]
    [InlineData("event.type == 1", false)]
    [InlineData("event.type > 1", false)]
    public void Evaluates_the_supported_subset(string expression, bool expected) =>
        Assert.Equal(expected, CelExpression.Parse(expression).Evaluate(Event));

    [Theory]
    [InlineData("has(event.type)")]
    [InlineData("event.type.startsWith(\"w\")")]
    [InlineData("size(event.data.tags) > 1")]
    [InlineData("other.type == \"x\"")]
    [InlineData("event.type == ")]
    [InlineData("event.type == \"unterminated")]
    [InlineData("event.type = \"x\"")]
    [InlineData("(event.type == \"x\"")]
    public void Rejects_expressions_outside_the_subset(string expression) =>
        Assert.Throws<CelSyntaxException>(() => CelExpression.Parse(expression));
}
