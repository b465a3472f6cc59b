using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.PubSub.CloudEvents;
using AmazonScale.Sidecar.PubSub.Subscriptions;
using AmazonScale.Sidecar.Telemetry;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>
/// Hands one broker message to the app the way daprd does (dapr-protocol 2.2): decodes it into a CloudEvent
/// (rawPayload subscriptions get an envelope made here), drops expired events, picks the route by the
/// subscription's rules, POSTs the event as application/cloudevents+json under a span continuing the
/// publisher's trace, and acts on the answer. Completing normally acknowledges the message; throwing
/// makes the component redeliver it.
/// </summary>
public sealed partial class SubscriptionDeliverer(
    AppChannel.AppChannel appChannel,
    DeliveryRetryPolicy retryPolicy,
    TimeProvider time,
    ILogger<SubscriptionDeliverer> logger)
{
    /// <summary>The component handler for <paramref name="subscription"/>: one POST per message, or batches when bulkSubscribe is enabled.</summary>
    public PubSubHandler HandlerFor(Subscription subscription, IPubSub pubsub)
    {
        if (subscription.BulkSubscribe is { } bulk)
        {
            var batcher = new BulkSubscriptionBatcher(subscription, bulk, pubsub, this, appChannel, time, logger);
            return batcher.DeliverAsync;
        }
        return (message, cancellationToken) => DeliverAsync(subscription, pubsub, message, cancellationToken);
    }

    public async Task DeliverAsync(Subscription subscription, IPubSub pubsub, PubSubMessage message, CancellationToken cancellationToken)
    {
        if (await RouteAsync(subscription, pubsub, message, cancellationToken) is not { } routed)
        {
            return;
        }
        var (cloudEvent, route) = routed;

        var traceParent = cloudEvent[CloudEventFields.TraceParent]?.ToString();
        var traceState = cloudEvent[CloudEventFields.TraceState]?.ToString();
        using var activity = SidecarTelemetry.Source.StartActivity($"deliver {message.Topic}", ActivityKind.Consumer,
            TraceContext.Parse(traceParent, traceState) ?? default);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", message.Topic);
        var body = CloudEventEnvelope.Serialize(cloudEvent);

        for (var attempt = 1; ; attempt++)
        {
            var status = await PostAsync(subscription, route, body, message, activity is null ? traceParent : null, traceState, cancellationToken);
            switch (status)
            {
                case DeliveryStatus.Success:
                    return;
                case DeliveryStatus.Drop:
                    LogDropped(message.Topic, route);
                    await DeadLetterAsync(subscription, pubsub, message, cancellationToken);
                    return;
            }
            if (attempt >= retryPolicy.MaxAttempts)
            {
                await DeadLetterOrFailAsync(subscription, pubsub, message, $"delivery to /{route.TrimStart('/')} failed {attempt} times", cancellationToken);
                return;
            }
            await Task.Delay(retryPolicy.DelayAfter(attempt), time, cancellationToken);
        }
    }

    /// <summary>
    /// Decodes the message into a CloudEvent and picks its route. Returns null when the message needs no
    /// delivery: expired or undecodable (dead-lettered when the subscription has a dead-letter topic) or
    /// matched by no rule (dropped, as daprd does).
    /// </summary>
    internal async Task<RoutedEvent?> RouteAsync(Subscription subscription, IPubSub pubsub, PubSubMessage message, CancellationToken cancellationToken)
    {
        var cloudEvent = Decode(subscription, message);
        if (cloudEvent is null)
        {
            LogUndecodable(message.Topic);
            await DeadLetterOrFailAsync(subscription, pubsub, message, "the message is not a CloudEvent", cancellationToken);
            return null;
        }
        if (CloudEventEnvelope.ExpirationOf(cloudEvent) is { } expiration && expiration <= time.GetUtcNow())
        {
            LogExpired(cloudEvent[CloudEventFields.Id]?.ToString(), message.Topic);
            await DeadLetterAsync(subscription, pubsub, message, cancellationToken);
            return null;
        }
        var route = subscription.RouteFor(cloudEvent);
        if (route is null)
        {
            LogNoRoute(message.Topic, cloudEvent[CloudEventFields.Id]?.ToString());
            return null;
        }
        return new RoutedEvent(cloudEvent, route);
    }

    private static JsonObject? Decode(Subscription subscription, PubSubMessage message)
    {
        if (subscription.IsRawPayload)
        {
            return CloudEventEnvelope.ForRawPayload(subscription.PubsubName, message.Topic, message.Data.Span, message.Metadata);
        }
        try
        {
            return JsonNode.Parse(message.Data.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<DeliveryStatus> PostAsync(
        Subscription subscription, string route, byte[] body, PubSubMessage message, string? traceParent, string? traceState, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route.TrimStart('/'), UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypes.CloudEventJson);
        foreach (var (key, value) in message.Metadata)
        {
            if (key is not CloudEventFields.TraceParent and not CloudEventFields.TraceState)
            {
                request.Headers.TryAddWithoutValidation(key, value);
            }
        }
        request.Headers.Remove("pubsubName");
        request.Headers.TryAddWithoutValidation("pubsubName", subscription.PubsubName);
        // Without a sampled-or-not delivery span, HttpClient adds no trace headers: pass the event's own.
        if (!string.IsNullOrEmpty(traceParent))
        {
            request.Headers.TryAddWithoutValidation(CloudEventFields.TraceParent, traceParent);
            if (!string.IsNullOrEmpty(traceState))
            {
                request.Headers.TryAddWithoutValidation(CloudEventFields.TraceState, traceState);
            }
        }

        try
        {
            using var response = await appChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = AppResponseClassifier.Classify((int)response.StatusCode, answer);
            if (status == DeliveryStatus.Retry)
            {
                LogRetry(message.Topic, route, (int)response.StatusCode);
            }
            return status;
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(message.Topic, route, ex.Message);
            return DeliveryStatus.Retry;
        }
    }

    internal async Task DeadLetterOrFailAsync(Subscription subscription, IPubSub pubsub, PubSubMessage message, string reason, CancellationToken cancellationToken)
    {
        if (subscription.DeadLetterTopic is null)
        {
            throw new PubSubDeliveryException($"topic {message.Topic}: {reason}; the component will redeliver it");
        }
        await DeadLetterAsync(subscription, pubsub, message, cancellationToken);
    }

    /// <summary>Publishes the original broker message unchanged to the dead-letter topic, if the subscription has one.</summary>
    internal async Task DeadLetterAsync(Subscription subscription, IPubSub pubsub, PubSubMessage message, CancellationToken cancellationToken)
    {
        if (subscription.DeadLetterTopic is { } deadLetterTopic)
        {
            await pubsub.PublishAsync(message with { Topic = deadLetterTopic }, cancellationToken);
            LogDeadLettered(message.Topic, deadLetterTopic);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping message on topic {Topic}: it is not a CloudEvent")]
    private partial void LogUndecodable(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping expired message {Id} on topic {Topic}")]
    private partial void LogExpired(string? id, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No route matched message {Id} on topic {Topic}; dropped")]
    private partial void LogNoRoute(string topic, string? id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App dropped the message on topic {Topic} (route {Route})")]
    private partial void LogDropped(string topic, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App asked to retry the message on topic {Topic} (route {Route}, HTTP {Status})")]
    private partial void LogRetry(string topic, string route, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App unreachable for topic {Topic} (route {Route}): {Reason}")]
    private partial void LogUnreachable(string topic, string route, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message on topic {Topic} sent to dead-letter topic {DeadLetterTopic}")]
    private partial void LogDeadLettered(string topic, string deadLetterTopic);
}
