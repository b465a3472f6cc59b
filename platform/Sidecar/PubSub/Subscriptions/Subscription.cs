using AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>
/// One topic subscription of this app, from GET /dapr/subscribe (programmatic) or a Subscription resource
/// (declarative). Rules are evaluated in order; the default route is the last rule, matching everything.
/// </summary>
public sealed record Subscription(
    string PubsubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    IReadOnlyDictionary<string, string> Metadata,
    string? DeadLetterTopic,
    BulkSubscribeOptions? BulkSubscribe,
    SubscriptionKind Kind)
{
    public bool IsRawPayload => Publishing.Publisher.IsRawPayload(Metadata);

    /// <summary>The path of the first rule matching <paramref name="cloudEvent"/>; null when none does (the event is dropped).</summary>
    public string? RouteFor(System.Text.Json.Nodes.JsonObject cloudEvent) =>
        Rules.FirstOrDefault(rule => rule.Matches(cloudEvent))?.Path;
}
