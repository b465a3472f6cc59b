using System.Diagnostics;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Errors;
using AmazonScale.Sidecar.PubSub.CloudEvents;
using AmazonScale.Sidecar.Telemetry;

namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>
/// The publish path shared by the HTTP and gRPC APIs: validates the request, wraps the data in daprd's
/// CloudEvent (or passes raw payloads through) under a "publish" span whose context the event carries,
/// and hands it to the component. Bad input throws before anything is published.
/// </summary>
public sealed class Publisher(ComponentRegistry components, Hosting.SidecarOptions options, TimeProvider time)
{
    public const string RawPayloadKey = "rawPayload";

    public async Task PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var pubsub = Resolve(request.PubsubName, request.Topic);
        using var activity = StartPublishSpan(request.PubsubName, request.Topic);
        var message = ToBrokerMessage(request.PubsubName, request.Topic, request.Data.Span, request.ContentType, request.Metadata, activity);
        await SendAsync(pubsub, request.PubsubName, message, cancellationToken);
    }

    /// <summary>Publishes every entry; returns the entries the broker refused. Malformed entries fail the whole request first.</summary>
    public async Task<IReadOnlyList<BulkPublishFailure>> PublishBulkAsync(
        string pubsubName, string topic, IReadOnlyList<BulkPublishEntry> entries, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var pubsub = Resolve(pubsubName, topic);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.EntryId.Length == 0 || !ids.Add(entry.EntryId))
            {
                throw PubSubErrors.EventsMalformed(pubsubName, topic, $"entryId '{entry.EntryId}' is empty or duplicated").ToException();
            }
        }

        using var activity = StartPublishSpan(pubsubName, topic);
        var messages = entries.Select(entry =>
        {
            var merged = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
            foreach (var (key, value) in entry.Metadata)
            {
                merged[key] = value;
            }
            return (entry.EntryId, Message: ToBrokerMessage(pubsubName, topic, entry.Event.Span, entry.ContentType, merged, activity));
        }).ToList();

        if (messages.Count == 0)
        {
            return [];
        }
        if (pubsub is IBulkPublisher bulk)
        {
            try
            {
                await SendAsync(pubsubName, topic, () => bulk.PublishBulkAsync([.. messages.Select(m => m.Message)], cancellationToken));
                return [];
            }
            catch (DaprException ex)
            {
                return [.. messages.Select(m => new BulkPublishFailure(m.EntryId, ex.Message))];
            }
        }
        // daprd's default bulk publisher: every entry on its own, all at once.
        var outcomes = await Task.WhenAll(messages.Select(async m =>
        {
            try
            {
                await SendAsync(pubsub, pubsubName, m.Message, cancellationToken);
                return null;
            }
            catch (DaprException ex)
            {
                return new BulkPublishFailure(m.EntryId, ex.Message);
            }
        }));
        return [.. outcomes.OfType<BulkPublishFailure>()];
    }

    private IPubSub Resolve(string pubsubName, string topic)
    {
        if (!components.All<IPubSub>().Any())
        {
            throw PubSubErrors.NotConfigured().ToException();
        }
        if (string.IsNullOrEmpty(pubsubName))
        {
            throw PubSubErrors.NameEmpty().ToException();
        }
        var pubsub = components.Find<IPubSub>(pubsubName) ?? throw PubSubErrors.NotFound(pubsubName).ToException();
        if (string.IsNullOrEmpty(topic))
        {
            throw PubSubErrors.TopicEmpty(pubsubName).ToException();
        }
        var resource = components.Loaded.First(r => r.Name == pubsubName);
        if (!TopicScopes.From(resource, options.AppId).CanPublish(topic))
        {
            throw PubSubErrors.Forbidden(topic, options.AppId).ToException();
        }
        return pubsub;
    }

    private static Activity? StartPublishSpan(string pubsubName, string topic)
    {
        var activity = SidecarTelemetry.Source.StartActivity($"publish {topic}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("dapr.pubsub", pubsubName);
        return activity;
    }

    private PubSubMessage ToBrokerMessage(
        string pubsubName, string topic, ReadOnlySpan<byte> data, string? contentType, IReadOnlyDictionary<string, string> metadata, Activity? activity)
    {
        try
        {
            CloudEventEnvelope.TimeToLive(metadata);
        }
        catch (FormatException ex)
        {
            throw PubSubErrors.MetadataInvalid(pubsubName, ex.Message).ToException();
        }

        var trace = TraceContext.Of(activity ?? Activity.Current);
        if (IsRawPayload(metadata))
        {
            // No envelope: the trace context travels as broker metadata instead, as in daprd.
            var withTrace = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
            {
                [CloudEventFields.TraceParent] = trace.TraceParent,
                [CloudEventFields.TraceState] = trace.TraceState,
            };
            return new PubSubMessage(topic, data.ToArray(), contentType, withTrace);
        }

        var source = new EnvelopeSource(options.AppId, pubsubName, topic, trace, time.GetUtcNow(), metadata);
        try
        {
            var envelope = ContentTypes.IsCloudEvent(contentType)
                ? CloudEventEnvelope.Merge(source, data)
                : CloudEventEnvelope.Wrap(source, data, contentType);
            return new PubSubMessage(topic, CloudEventEnvelope.Serialize(envelope), ContentTypes.CloudEventJson, metadata);
        }
        catch (FormatException ex)
        {
            throw PubSubErrors.CloudEventMalformed(pubsubName, topic, ex.Message).ToException();
        }
    }

    /// <summary>daprd's utils.IsTruthy on metadata "rawPayload".</summary>
    public static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(RawPayloadKey, out var raw) && raw.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "y" or "on";

    private static Task SendAsync(IPubSub pubsub, string pubsubName, PubSubMessage message, CancellationToken cancellationToken) =>
        SendAsync(pubsubName, message.Topic, () => pubsub.PublishAsync(message, cancellationToken));

    private static async Task SendAsync(string pubsubName, string topic, Func<Task> publish)
    {
        try
        {
            await publish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DaprException)
        {
            throw PubSubErrors.PublishFailed(pubsubName, topic, ex.Message).ToException();
        }
    }
}
