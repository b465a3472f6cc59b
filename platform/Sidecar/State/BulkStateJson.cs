using System.Text.Json;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// The bulk-get response body: [{key, data, etag, metadata}] or [{key, error}]; a missing key has only "key".
/// daprd writes data as raw JSON; a stored value that is not JSON (raw bytes saved over gRPC) is written as a
/// base64 JSON string instead of producing an unparseable body.
/// </summary>
public static class BulkStateJson
{
    public static byte[] Write(IReadOnlyList<BulkStateResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("key", result.Key);
                if (result.Error is not null)
                {
                    json.WriteString("error", result.Error);
                }
                else if (result.Entry is { } entry)
                {
                    json.WritePropertyName("data");
                    if (IsJson(entry.Value))
                    {
                        json.WriteRawValue(entry.Value, skipInputValidation: true);
                    }
                    else
                    {
                        json.WriteBase64StringValue(entry.Value);
                    }
                    json.WriteString("etag", entry.ETag);
                    var metadata = StateRequestOptions.ResponseMetadata(entry);
                    if (metadata.Count > 0)
                    {
                        json.WriteStartObject("metadata");
                        foreach (var (name, value) in metadata)
                        {
                            json.WriteString(name, value);
                        }
                        json.WriteEndObject();
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static bool IsJson(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
