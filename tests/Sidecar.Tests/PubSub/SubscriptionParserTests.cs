using System.Text;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.PubSub.Subscriptions;

namespace AmazonScale.Sidecar.Tests.PubSub;

public sealed class SubscriptionParserTests
{
    [Fact]
    public void Reads_subscribe_json_case_insensitively_with_rules_before_the_default()
    {
        var body = """
            [{"PUBSUBNAME":"pubsub","Topic":"orders","routes":{"rules":[{"match":"event.type == \"widget\"","path":"widgets"}],"default":"orders"},
              "metadata":{"rawPayload":"true"},"deadLetterTopic":"dead","bulkSubscribe":{"enabled":true,"maxMessagesCount":5}},
             {"pubsubname":"pubsub","topic":"plain","route":"plain/in"},
             {"pubsubname":"pubsub","topic":"no-route"}]
            """;
        var invalid = new List<string>();

        var subscriptions = SubscriptionParser.ParseProgrammatic(Encoding.UTF8.GetBytes(body), (_, e) => invalid.Add(e.Message));

        Assert.Empty(invalid);
        Assert.Equal(2, subscriptions.Count);
        var orders = subscriptions[0];
        Assert.Equal(["widgets", "orders"], orders.Rules.Select(r => r.Path));
        Assert.Equal("event.type == \"widget\"", orders.Rules[0].Match!.Text);
        Assert.Null(orders.Rules[1].Match);
        Assert.True(orders.IsRawPayload);
        Assert.Equal("dead", orders.DeadLetterTopic);
        Assert.Equal(new BulkSubscribeOptions(5, 1000), orders.BulkSubscribe);
        Assert.Equal("plain/in", Assert.Single(subscriptions[1].Rules).Path);
    }

    [Fact]
    public void An_entry_with_an_unsupported_expression_is_reported_and_skipped()
    {
        var body = """[{"pubsubname":"pubsub","topic":"a","routes":{"rules":[{"match":"has(event.x)","path":"x"}],"default":"a"}},{"pubsubname":"pubsub","topic":"b","route":"b"}]""";
        var invalid = new List<string>();

        var subscriptions = SubscriptionParser.ParseProgrammatic(Encoding.UTF8.GetBytes(body), (_, e) => invalid.Add(e.Message));

        Assert.Equal("b", Assert.Single(subscriptions).Topic);
        Assert.Contains("has", Assert.Single(invalid));
    }

    [Theory]
    [InlineData("dapr.io/v2alpha1", "routes:\n    default: /orders")]
    [InlineData("dapr.io/v1alpha1", "route: /orders")]
    public void Reads_declarative_subscriptions_of_both_versions(string apiVersion, string route)
    {
        var yaml = $"apiVersion: {apiVersion}\nkind: Subscription\nmetadata:\n  name: s\nspec:\n  pubsubname: pubsub\n  topic: orders\n  {route}\n  deadLetterTopic: dl\n";
        using var reader = new StringReader(yaml);
        var document = (JsonObject)YamlToJson.ReadDocuments(reader).Single()!;

        var subscription = SubscriptionParser.ParseDeclarative(new RawResource(apiVersion, "Subscription", "s", document, "s.yaml"))!;

        Assert.Equal("/orders", Assert.Single(subscription.Rules).Path);
        Assert.Equal("dl", subscription.DeadLetterTopic);
        Assert.Equal(SubscriptionKind.Declarative, subscription.Kind);
    }
}
