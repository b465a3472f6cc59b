using System.Text.Json;
using AmazonScale.Sidecar.Errors;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// Reads the JSON bodies of daprd's HTTP state API. Values are arbitrary JSON and are re-encoded the way daprd
/// stores them (GoJson). Anything of the wrong shape is ERR_MALFORMED_REQUEST before a single item is written.
/// </summary>
public static class StateHttpRequests
{
    /// <summary>POST /v1.0/state/{store}: [{key, value, etag?, metadata?, options?}]; URL metadata is merged into every item.</summary>
    public static IReadOnlyList<StateSetRequest> ParseSave(JsonElement root, IReadOnlyDictionary<string, string> queryMetadata)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("the body must be a JSON array of state items");
        }
        return root.EnumerateArray().Select(item => ParseSetItem(item, queryMetadata)).ToList();
    }

    /// <summary>POST /v1.0/state/{store}/bulk: {keys:[…], parallelism?}.</summary>
    public static (IReadOnlyList<string> Keys, int Parallelism) ParseBulkGet(JsonElement root)
    {
        RequireObject(root, "the body must be a JSON object with 'keys'");
        var keys = new List<string>();
        if (root.TryGetProperty("keys", out var keysElement) && keysElement.ValueKind != JsonValueKind.Null)
        {
            if (keysElement.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("keys must be an array of strings");
            }
            keys.AddRange(keysElement.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : throw Malformed("keys must be strings")));
        }
        var parallelism = root.TryGetProperty("parallelism", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : 0;
        return (keys, parallelism);
    }

    /// <summary>POST /v1.0/state/{store}/transaction: {operations:[{operation:"upsert"|"delete", request:{…}}], metadata?}.</summary>
    public static IReadOnlyList<StateOperation> ParseTransaction(JsonElement root, IReadOnlyDictionary<string, string> queryMetadata)
    {
        RequireObject(root, "the body must be a JSON object with 'operations'");
        if (!root.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("operations must be an array");
        }
        return operations.EnumerateArray().Select(operation =>
        {
            RequireObject(operation, "each operation must be an object");
            var kind = OptionalString(operation, "operation");
            if (!operation.TryGetProperty("request", out var request))
            {
                throw Malformed("each operation needs a request");
            }
            return kind switch
            {
                "upsert" => (StateOperation)new StateUpsert(ParseSetItem(request, queryMetadata)),
                "delete" => new StateDelete(ParseDeleteItem(request)),
                _ => throw StateErrors.UnsupportedOperation(kind ?? "").ToException(),
            };
        }).ToList();
    }

    private static StateSetRequest ParseSetItem(JsonElement item, IReadOnlyDictionary<string, string> queryMetadata)
    {
        RequireObject(item, "each state item must be an object");
        var metadata = Metadata(item);
        foreach (var (name, text) in queryMetadata)
        {
            metadata[name] = text;
        }
        var value = item.TryGetProperty("value", out var v) ? GoJson.Encode(v) : "null"u8.ToArray();
        var (concurrency, consistency) = Options(item);
        return new StateSetRequest(
            OptionalString(item, "key") ?? "",
            new StateValue(value, IsBinary: false),
            StateRequestOptions.NormalizeETag(OptionalString(item, "etag")),
            concurrency,
            consistency,
            StateRequestOptions.ParseTtl(metadata));
    }

    private static StateDeleteRequest ParseDeleteItem(JsonElement item)
    {
        RequireObject(item, "each request must be an object");
        var (concurrency, consistency) = Options(item);
        return new StateDeleteRequest(OptionalString(item, "key") ?? "", StateRequestOptions.NormalizeETag(OptionalString(item, "etag")), concurrency, consistency);
    }

    private static (StateConcurrency, StateConsistency) Options(JsonElement item)
    {
        if (!item.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return (StateConcurrency.Unspecified, StateConsistency.Unspecified);
        }
        RequireObject(options, "options must be an object");
        return (StateRequestOptions.ParseConcurrency(OptionalString(options, "concurrency")),
            StateRequestOptions.ParseConsistency(OptionalString(options, "consistency")));
    }

    private static Dictionary<string, string> Metadata(JsonElement item)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }
        RequireObject(element, "metadata must be an object of strings");
        foreach (var property in element.EnumerateObject())
        {
            metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Malformed($"metadata '{property.Name}' must be a string");
        }
        return metadata;
    }

    private static string? OptionalString(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Malformed($"'{name}' must be a string");

    private static void RequireObject(JsonElement element, string message)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(message);
        }
    }

    private static DaprException Malformed(string detail) => CommonErrors.MalformedRequest(detail).ToException();
}
