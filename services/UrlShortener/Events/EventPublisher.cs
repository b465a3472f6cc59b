using Dapr.Client;

namespace AmazonScale.UrlShortener.Events;

/// <summary>Publishes integration events; the topic is the event type's name.</summary>
public sealed class EventPublisher(DaprClient dapr)
{
    public Task PublishAsync<TEvent>(string pubSub, TEvent integrationEvent, CancellationToken cancellationToken) where TEvent : class =>
        dapr.PublishEventAsync(pubSub, typeof(TEvent).Name, integrationEvent, cancellationToken);
}
