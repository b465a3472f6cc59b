using System.Text.Json;
using Dapr.Client;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// Publishes integration events on "pubsub" (topic = type name) in the API's JSON shape (snake_case), which is also
/// what the subscribers' handlers bind, whatever the DaprClient's own serializer settings are.
/// </summary>
public sealed class EventPublisher(DaprClient dapr, IOptions<JsonOptions> json)
{
    public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken) where TEvent : class =>
        dapr.PublishEventAsync(DaprComponents.PubSub, typeof(TEvent).Name, JsonSerializer.SerializeToElement(integrationEvent, json.Value.SerializerOptions), cancellationToken);
}
