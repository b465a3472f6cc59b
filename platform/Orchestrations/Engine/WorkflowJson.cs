using System.Text.Encodings.Web;
using System.Text.Json;

namespace AmazonScale.Orchestrations.Engine;

/// <summary>How inputs, outputs, event payloads and custom status are serialized into history (JSON text).</summary>
public static class WorkflowJson
{
    // Payloads are stored and returned as JSON, never embedded in HTML, so '+' or '<' need no escaping.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type) => json is null ? null : JsonSerializer.Deserialize(json, type, Options);

    public static T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json, Options)!;
}
