using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>A decoded CloudEvent and the app route its subscription's rules chose for it.</summary>
public sealed record RoutedEvent(JsonObject CloudEvent, string Route);
