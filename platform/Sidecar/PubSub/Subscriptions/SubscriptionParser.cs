using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>
/// Reads subscriptions the way daprd does (pkg/runtime/pubsub/subscriptions.go): field names match
/// case-insensitively (Go's JSON decoder), "routes.rules" come first and "routes.default" or "route" is
/// appended as the catch-all; an entry without any route is dropped. The same object shape serves the
/// /dapr/subscribe items and a Subscription resource's spec (v2alpha1 "routes", v1alpha1 "route").
/// </summary>
public static class SubscriptionParser
{
    /// <summary>
    /// Parses the body of GET /dapr/subscribe; throws JsonException / FormatException when it is not an array.
    /// An entry that is invalid (e.g. a match expression outside the supported CEL subset) is skipped and
    /// reported through <paramref name="invalid"/>, so one bad rule does not take the others down.
    /// </summary>
    public static IReadOnlyList<Subscription> ParseProgrammatic(ReadOnlySpan<byte> body, Action<JsonObject, FormatException> invalid)
    {
        if (body.IsEmpty)
        {
            return [];
        }
        var root = JsonNode.Parse(body);
        if (root is not JsonArray items)
        {
            throw new FormatException("GET /dapr/subscribe must return a JSON array");
        }
        var subscriptions = new List<Subscription>();
        foreach (var item in items.OfType<JsonObject>())
        {
            try
            {
                if (FromObject(item, SubscriptionKind.Programmatic) is { } subscription)
                {
                    subscriptions.Add(subscription);
                }
            }
            catch (FormatException ex)
            {
                invalid(item, ex);
            }
        }
        return subscriptions;
    }

    /// <summary>A Subscription resource (dapr.io/v2alpha1 or v1alpha1); null when it has no route; FormatException when invalid.</summary>
    public static Subscription? ParseDeclarative(RawResource resource) => FromObject(resource.Spec, SubscriptionKind.Declarative);

    private static Subscription? FromObject(JsonObject item, SubscriptionKind kind)
    {
        var pubsub = Text(item, "pubsubname");
        var topic = Text(item, "topic");
        if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic))
        {
            throw new FormatException("a subscription needs both pubsubname and topic");
        }

        var rules = new List<RouteRule>();
        var routes = Field(item, "routes") as JsonObject;
        if (routes is not null && Field(routes, "rules") is JsonArray ruleItems)
        {
            foreach (var rule in ruleItems.OfType<JsonObject>())
            {
                var match = Text(rule, "match");
                var path = Text(rule, "path") ?? "";
                rules.Add(new RouteRule(string.IsNullOrWhiteSpace(match) ? null : CelExpression.Parse(match), path));
            }
        }
        var fallback = (routes is null ? null : Text(routes, "default")) ?? Text(item, "route");
        if (!string.IsNullOrEmpty(fallback))
        {
            rules.Add(new RouteRule(null, fallback));
        }
        if (rules.Count == 0)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Field(item, "metadata") is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                metadata[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
            }
        }

        BulkSubscribeOptions? bulk = null;
        if (Field(item, "bulkSubscribe") is JsonObject bulkItem && Field(bulkItem, "enabled") is JsonValue enabled && enabled.GetValueKind() == JsonValueKind.True)
        {
            bulk = new BulkSubscribeOptions(Number(bulkItem, "maxMessagesCount") ?? 100, Number(bulkItem, "maxAwaitDurationMs") ?? 1000);
        }

        var deadLetter = Text(item, "deadLetterTopic");
        return new Subscription(pubsub, topic, rules, metadata, string.IsNullOrEmpty(deadLetter) ? null : deadLetter, bulk, kind);
    }

    private static JsonNode? Field(JsonObject item, string name) =>
        item.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject item, string name) =>
        Field(item, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static int? Number(JsonObject item, string name) =>
        Field(item, name) is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : null;
}
