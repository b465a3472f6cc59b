using AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>A route: events for which Match holds (or every event when Match is null) go to Path.</summary>
public sealed record RouteRule(CelExpression? Match, string Path)
{
    public bool Matches(System.Text.Json.Nodes.JsonObject cloudEvent) => Match is null || Match.Evaluate(cloudEvent);
}
