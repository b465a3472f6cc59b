using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.PubSub.CloudEvents;

/// <summary>
/// Builds the CloudEvent that daprd publishes (components-contrib pubsub/envelope.go): wraps plain data,
/// completes an event the app already wrapped (application/cloudevents+json), and makes the envelope a
/// rawPayload subscriber receives. Metadata "cloudevent.*" overrides attributes, "ttlInSeconds" adds expiration.
/// </summary>
public static class CloudEventEnvelope
{
    private const string OverridePrefix = "cloudevent.";
    private static readonly string[] OverridableFields =
        [CloudEventFields.Id, CloudEventFields.Source, CloudEventFields.Type, CloudEventFields.Subject, CloudEventFields.TraceParent, CloudEventFields.TraceId, CloudEventFields.TraceState];

    /// <summary>Wraps <paramref name="data"/> published with <paramref name="contentType"/>.</summary>
    public static JsonObject Wrap(EnvelopeSource source, ReadOnlySpan<byte> data, string? contentType)
    {
        var type = string.IsNullOrWhiteSpace(contentType) ? ContentTypes.TextPlain : contentType;
        var envelope = new JsonObject
        {
            [CloudEventFields.Id] = Guid.NewGuid().ToString(),
            [CloudEventFields.Source] = SourceOf(source.AppId),
            [CloudEventFields.Type] = CloudEventFields.DefaultType,
            [CloudEventFields.SpecVersion] = CloudEventFields.SpecVersion10,
            [CloudEventFields.DataContentType] = type,
        };
        if (!data.IsEmpty)
        {
            SetData(envelope, data, type);
        }
        Complete(envelope, source, overwriteTrace: true);
        return envelope;
    }

    /// <summary>Completes an event the publisher serialized itself; throws <see cref="FormatException"/> when it is not a JSON object.</summary>
    public static JsonObject Merge(EnvelopeSource source, ReadOnlySpan<byte> cloudEvent)
    {
        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(cloudEvent) as JsonObject ?? throw new FormatException("a CloudEvent must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
        // SDKs serialize unset attributes as null (Dapr.CloudEvent's traceparent): treat them as absent.
        foreach (var unset in envelope.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            envelope.Remove(unset);
        }
        envelope.TryAdd(CloudEventFields.Id, Guid.NewGuid().ToString());
        envelope.TryAdd(CloudEventFields.Source, SourceOf(source.AppId));
        envelope.TryAdd(CloudEventFields.Type, CloudEventFields.DefaultType);
        envelope.TryAdd(CloudEventFields.SpecVersion, CloudEventFields.SpecVersion10);
        Complete(envelope, source, overwriteTrace: false);
        return envelope;
    }

    /// <summary>The envelope a rawPayload subscription gets: the broker bytes as data_base64 under a new id.</summary>
    public static JsonObject ForRawPayload(string pubsubName, string topic, ReadOnlySpan<byte> data, IReadOnlyDictionary<string, string> metadata) => new()
    {
        [CloudEventFields.Id] = Guid.NewGuid().ToString(),
        [CloudEventFields.Source] = CloudEventFields.DefaultSource,
        [CloudEventFields.Type] = CloudEventFields.DefaultType,
        [CloudEventFields.SpecVersion] = CloudEventFields.SpecVersion10,
        [CloudEventFields.DataContentType] = ContentTypes.OctetStream,
        [CloudEventFields.DataBase64] = Convert.ToBase64String(data),
        [CloudEventFields.Topic] = topic,
        [CloudEventFields.PubsubName] = pubsubName,
        [CloudEventFields.TraceParent] = metadata.GetValueOrDefault(CloudEventFields.TraceParent, ""),
        [CloudEventFields.TraceState] = metadata.GetValueOrDefault(CloudEventFields.TraceState, ""),
    };

    public static byte[] Serialize(JsonObject envelope) => Encoding.UTF8.GetBytes(envelope.ToJsonString());

    /// <summary>The "expiration" attribute, if the event has one and it parses.</summary>
    public static DateTimeOffset? ExpirationOf(JsonObject envelope) =>
        envelope[CloudEventFields.Expiration]?.GetValueKind() == JsonValueKind.String
        && DateTimeOffset.TryParse(envelope[CloudEventFields.Expiration]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    /// <summary>Reads ttlInSeconds; null when absent, FormatException when not a positive integer.</summary>
    public static TimeSpan? TimeToLive(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("ttlInSeconds", out var text) || text.Length == 0)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"ttlInSeconds must be a non-negative integer, got '{text}'");
    }

    private static string SourceOf(string appId) => string.IsNullOrEmpty(appId) ? CloudEventFields.DefaultSource : appId;

    private static void SetData(JsonObject envelope, ReadOnlySpan<byte> data, string contentType)
    {
        if (ContentTypes.IsJson(contentType) && TryParseJson(data) is { } json)
        {
            envelope[CloudEventFields.Data] = json;
        }
        else if (ContentTypes.IsBinary(contentType))
        {
            envelope[CloudEventFields.DataBase64] = Convert.ToBase64String(data);
        }
        else
        {
            envelope[CloudEventFields.Data] = Encoding.UTF8.GetString(data);
        }
    }

    private static JsonNode? TryParseJson(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        try
        {
            return JsonNode.Parse(ref reader) is { } node && reader.BytesConsumed == data.Length ? node : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Complete(JsonObject envelope, EnvelopeSource source, bool overwriteTrace)
    {
        envelope[CloudEventFields.Topic] = source.Topic;
        envelope[CloudEventFields.PubsubName] = source.PubsubName;
        envelope.TryAdd(CloudEventFields.Time, source.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (overwriteTrace || !envelope.ContainsKey(CloudEventFields.TraceParent))
        {
            envelope[CloudEventFields.TraceId] = source.Trace.TraceParent;
            envelope[CloudEventFields.TraceParent] = source.Trace.TraceParent;
            envelope[CloudEventFields.TraceState] = source.Trace.TraceState;
        }
        foreach (var field in OverridableFields)
        {
            if (source.Metadata.TryGetValue(OverridePrefix + field, out var value) && value.Length > 0)
            {
                envelope[field] = value;
            }
        }
        if (TimeToLive(source.Metadata) is { } ttl)
        {
            envelope[CloudEventFields.Expiration] = (source.Now + ttl).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }
    }
}
