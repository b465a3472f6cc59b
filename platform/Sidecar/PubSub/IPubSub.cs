namespace AmazonScale.Sidecar.PubSub;

/// <summary>
/// A pub/sub component (components-contrib's pubsub.PubSub): publishes opaque bytes to a topic and
/// delivers a topic's messages to this app's consumer group. A handler that throws (or is cancelled)
/// leaves the message unacknowledged, so the component delivers it again.
/// </summary>
public interface IPubSub
{
    Task PublishAsync(PubSubMessage message, CancellationToken cancellationToken);

    /// <summary>Starts consuming <paramref name="topic"/>; returns once the subscription is in place. Consumption stops with <paramref name="stoppingToken"/>.</summary>
    Task SubscribeAsync(string topic, IReadOnlyDictionary<string, string> metadata, PubSubHandler handler, CancellationToken stoppingToken);
}

/// <summary>Processes one delivered message; completes normally to acknowledge it.</summary>
public delegate Task PubSubHandler(PubSubMessage message, CancellationToken cancellationToken);
