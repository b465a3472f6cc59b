using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.PubSub.CloudEvents;
using AmazonScale.Sidecar.PubSub.Subscriptions;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>
/// bulkSubscribe delivery (rt:pkg/runtime/pubsub/bulksubscribe_events.go): messages handed over by the
/// component wait until maxMessagesCount are collected or maxAwaitDurationMs passed, then go to the app in
/// one POST per route as {id, type: com.dapr.event.sent.bulk, topic, pubsubname, metadata, entries[{entryId,
/// event, contentType, metadata}]}. The app answers {"statuses":[{entryId, status}]}: SUCCESS acknowledges
/// the entry, DROP dead-letters it, RETRY or a missing entry hands it back to the component for redelivery.
/// A 404 drops the whole batch; any other failure retries it all. How many messages can meet in one batch
/// is also bounded by the component (pubsub.redis: concurrency).
/// </summary>
internal sealed class BulkSubscriptionBatcher(
    Subscription subscription,
    BulkSubscribeOptions options,
    IPubSub pubsub,
    SubscriptionDeliverer deliverer,
    AppChannel.AppChannel appChannel,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private List<BulkEntry> _pending = [];
    private long _generation;

    private sealed record BulkEntry(string EntryId, RoutedEvent Event, PubSubMessage Message, TaskCompletionSource<DeliveryStatus> Result);

    public async Task DeliverAsync(PubSubMessage message, CancellationToken cancellationToken)
    {
        if (await deliverer.RouteAsync(subscription, pubsub, message, cancellationToken) is not { } routed)
        {
            return;
        }
        var entry = new BulkEntry(Guid.NewGuid().ToString(), routed, message, new TaskCompletionSource<DeliveryStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        List<BulkEntry>? full = null;
        long generation;
        bool startsBatch;
        lock (_gate)
        {
            _pending.Add(entry);
            generation = _generation;
            startsBatch = _pending.Count == 1;
            if (_pending.Count >= options.MaxMessagesCount)
            {
                full = TakePending();
            }
        }
        if (full is not null)
        {
            _ = SendAsync(full, cancellationToken);
        }
        else if (startsBatch)
        {
            _ = FlushLaterAsync(generation, cancellationToken);
        }

        switch (await entry.Result.Task.WaitAsync(cancellationToken))
        {
            case DeliveryStatus.Drop:
                await deliverer.DeadLetterAsync(subscription, pubsub, message, cancellationToken);
                break;
            case DeliveryStatus.Retry:
                throw new PubSubDeliveryException($"bulk delivery of an entry on topic {message.Topic} is to be retried");
        }
    }

    private List<BulkEntry> TakePending()
    {
        var batch = _pending;
        _pending = [];
        _generation++;
        return batch;
    }

    private async Task FlushLaterAsync(long generation, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(options.MaxAwaitDurationMs), time, CancellationToken.None);
        List<BulkEntry>? batch = null;
        lock (_gate)
        {
            if (_generation == generation && _pending.Count > 0)
            {
                batch = TakePending();
            }
        }
        if (batch is not null)
        {
            await SendAsync(batch, cancellationToken);
        }
    }

    private async Task SendAsync(List<BulkEntry> batch, CancellationToken cancellationToken)
    {
        foreach (var group in batch.GroupBy(e => e.Event.Route, StringComparer.Ordinal))
        {
            var entries = group.ToList();
            IReadOnlyDictionary<string, DeliveryStatus> statuses;
            try
            {
                statuses = await PostAsync(group.Key, entries, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                logger.LogWarning("Bulk delivery on topic {Topic} failed: {Reason}", subscription.Topic, ex.Message);
                statuses = new Dictionary<string, DeliveryStatus>();
            }
            foreach (var entry in entries)
            {
                entry.Result.TrySetResult(statuses.GetValueOrDefault(entry.EntryId, DeliveryStatus.Retry));
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, DeliveryStatus>> PostAsync(string route, List<BulkEntry> entries, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = "com.dapr.event.sent.bulk",
            ["topic"] = subscription.Topic,
            ["pubsubname"] = subscription.PubsubName,
            ["metadata"] = new JsonObject(),
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
            {
                ["entryId"] = e.EntryId,
                ["event"] = e.Event.CloudEvent.DeepClone(),
                ["contentType"] = ContentTypes.CloudEventJson,
                ["metadata"] = new JsonObject(e.Message.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value)))),
            })]),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route.TrimStart('/'), UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypes.Json);
        request.Headers.TryAddWithoutValidation("pubsubName", subscription.PubsubName);
        using var response = await appChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var whole = AppResponseClassifier.Classify((int)response.StatusCode, []);
        if (whole != DeliveryStatus.Success)
        {
            return entries.ToDictionary(e => e.EntryId, _ => whole);
        }
        return ParseStatuses(answer);
    }

    private static Dictionary<string, DeliveryStatus> ParseStatuses(byte[] answer)
    {
        var statuses = new Dictionary<string, DeliveryStatus>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(answer)?["statuses"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    var entryId = item["entryId"]?.ToString();
                    var status = item["status"]?.ToString()?.ToUpperInvariant();
                    if (entryId is not null)
                    {
                        statuses[entryId] = status switch
                        {
                            "SUCCESS" => DeliveryStatus.Success,
                            "DROP" => DeliveryStatus.Drop,
                            _ => DeliveryStatus.Retry,
                        };
                    }
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable answer leaves every entry without a status: all are retried.
        }
        return statuses;
    }
}
