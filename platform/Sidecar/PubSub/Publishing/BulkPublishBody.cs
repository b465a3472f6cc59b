using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.PubSub.CloudEvents;

namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>
/// The HTTP bulk publish body: [{entryId, event, contentType, metadata?}]. A JSON-typed or CloudEvent entry
/// carries its event as JSON; any other content type carries it as a string (bytes as base64 for binary types).
/// </summary>
public static class BulkPublishBody
{
    public static IReadOnlyList<BulkPublishEntry> Parse(ReadOnlySpan<byte> body)
    {
        if (JsonNode.Parse(body) is not JsonArray array)
        {
            throw new FormatException("the body must be a JSON array of entries");
        }
        var entries = new List<BulkPublishEntry>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject entry)
            {
                throw new FormatException("every entry must be a JSON object");
            }
            var fields = new Dictionary<string, JsonNode?>(entry, StringComparer.OrdinalIgnoreCase);
            var contentType = fields.GetValueOrDefault("contentType")?.GetValue<string>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (fields.GetValueOrDefault("metadata") is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    metadata[key] = value?.ToString() ?? "";
                }
            }
            entries.Add(new BulkPublishEntry(
                fields.GetValueOrDefault("entryId")?.ToString() ?? "",
                EventBytes(fields.GetValueOrDefault("event"), contentType),
                contentType,
                metadata));
        }
        return entries;
    }

    private static byte[] EventBytes(JsonNode? value, string? contentType)
    {
        if (value is null)
        {
            return [];
        }
        if (value.GetValueKind() == JsonValueKind.String && !ContentTypes.IsJson(contentType) && !ContentTypes.IsCloudEvent(contentType))
        {
            var text = value.GetValue<string>();
            return ContentTypes.IsBinary(contentType) ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        }
        return Encoding.UTF8.GetBytes(value.ToJsonString());
    }
}
