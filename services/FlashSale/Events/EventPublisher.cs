using System.Collections.Concurrent;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// Publishes integration events on "pubsub" (topic = type name) in the API's JSON shape (snake_case), which is also
/// what the subscribers' handlers bind, whatever the DaprClient's own serializer settings are. Each topic is a
/// <see cref="GroupCommit{TItem,TResult}"/> of bulk publishes: one in flight per topic, events arriving meanwhile go in
/// the next, so under load one sidecar call carries many events. A publish returns once the sidecar took its event.
/// </summary>
public sealed class EventPublisher(DaprClient dapr, IOptions<JsonOptions> json, TimeProvider clock)
{
    /// <summary>Most events one bulk publish carries.</summary>
    public const int MaxEventsPerPublish = 100;

    private readonly ConcurrentDictionary<string, GroupCommit<JsonElement, string?>> _topics = new(StringComparer.Ordinal);

    /// <exception cref="DaprException">The sidecar or its broker refused the event.</exception>
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken) where TEvent : class
    {
        var topic = _topics.GetOrAdd(typeof(TEvent).Name, name => new GroupCommit<JsonElement, string?>(
            events => dapr.PublishEachAsync(DaprComponents.PubSub, name, events, CancellationToken.None), MaxEventsPerPublish, clock));
        if (await topic.EnqueueAsync(JsonSerializer.SerializeToElement(integrationEvent, json.Value.SerializerOptions), cancellationToken) is { } error)
        {
            throw new DaprException($"publishing {typeof(TEvent).Name} failed: {error}");
        }
    }
}
