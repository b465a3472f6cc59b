using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>
/// Typed reads of OTLP JSON (the JSON encoding, or protobuf converted by <see cref="ProtobufToJson"/>): 64-bit
/// integers as numbers or decimal strings, ids as hex, unknown fields ignored, wrong shapes rejected.
/// </summary>
internal static class OtlpJson
{
    private const string ServiceNameAttribute = "service.name";
    private const string ServiceInstanceAttribute = "service.instance.id";

    /// <summary>Walks request → resource → scope → item, the nesting every OTLP signal shares.</summary>
    public static IEnumerable<T> SelectItems<T>(
        JsonObject request, string resourceField, string scopeField, string itemField, Func<JsonObject, TelemetryResource, string, T> map)
    {
        foreach (var resourceGroup in Objects(request, resourceField))
        {
            var resource = Resource(resourceGroup);
            foreach (var scopeGroup in Objects(resourceGroup, scopeField))
            {
                var scope = Object(scopeGroup, "scope") is { } scopeObject ? String(scopeObject, "name") ?? "" : "";
                foreach (var item in Objects(scopeGroup, itemField))
                {
                    yield return map(item, resource, scope);
                }
            }
        }
    }

    public static IEnumerable<JsonObject> Objects(JsonObject parent, string name) => parent[name] switch
    {
        null => [],
        JsonArray array => array.Select(item => item as JsonObject ?? throw Invalid(name, "an array of objects")),
        _ => throw Invalid(name, "an array"),
    };

    public static JsonObject? Object(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw Invalid(name, "an object"),
    };

    public static string? String(JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(name, "a string"),
    };

    public static bool Bool(JsonObject parent, string name) => parent[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw Invalid(name, "a boolean"),
    };

    /// <summary>Integer fields: JSON numbers or decimal strings (proto3 JSON writes 64-bit integers as strings).</summary>
    public static long? Int64(JsonObject parent, string name) => Int64(parent[name], name);

    public static double? Double(JsonObject parent, string name) => Double(parent[name], name);

    public static IReadOnlyList<long> Int64Array(JsonObject parent, string name) => Array(parent, name, node => Int64(node, name)!.Value);

    public static IReadOnlyList<double> DoubleArray(JsonObject parent, string name) => Array(parent, name, node => Double(node, name)!.Value);

    /// <summary>A trace or span id as lowercase hex, or null when absent, empty or all zeros (OTLP's "no parent").</summary>
    public static string? Id(JsonObject parent, string name, int byteLength)
    {
        var hex = String(parent, name);
        if (string.IsNullOrEmpty(hex))
        {
            return null;
        }

        if (hex.Length != byteLength * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw Invalid(name, $"{byteLength * 2} hex digits");
        }

        return hex.All(c => c == '0') ? null : hex.ToLowerInvariant();
    }

    public static DateTimeOffset? Time(JsonObject parent, string name) =>
        Int64(parent, name) is > 0 and var nanos ? DateTimeOffset.UnixEpoch.AddTicks(nanos / 100) : null;

    public static IReadOnlyDictionary<string, string> Attributes(JsonObject parent, string name = "attributes")
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Objects(parent, name))
        {
            attributes[String(pair, "key") ?? ""] = AnyValueText(Object(pair, "value"));
        }

        return attributes;
    }

    /// <summary>An AnyValue as display text: scalars as themselves, arrays and maps as compact JSON.</summary>
    public static string AnyValueText(JsonObject? anyValue) => AnyValueNode(anyValue) switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    private static JsonNode? AnyValueNode(JsonObject? anyValue)
    {
        if (anyValue is null)
        {
            return null;
        }

        if (String(anyValue, "stringValue") is { } text)
        {
            return JsonValue.Create(text);
        }

        if (anyValue.ContainsKey("boolValue"))
        {
            return JsonValue.Create(Bool(anyValue, "boolValue"));
        }

        if (Int64(anyValue, "intValue") is { } integer)
        {
            return JsonValue.Create(integer);
        }

        if (Double(anyValue, "doubleValue") is { } number)
        {
            return double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));
        }

        if (String(anyValue, "bytesValue") is { } base64)
        {
            return JsonValue.Create(base64);
        }

        if (Object(anyValue, "arrayValue") is { } array)
        {
            return new JsonArray([.. Objects(array, "values").Select(AnyValueNode)]);
        }

        if (Object(anyValue, "kvlistValue") is { } map)
        {
            var result = new JsonObject();
            foreach (var pair in Objects(map, "values"))
            {
                result[String(pair, "key") ?? ""] = AnyValueNode(Object(pair, "value"));
            }

            return result;
        }

        return null;
    }

    private static TelemetryResource Resource(JsonObject resourceGroup)
    {
        var attributes = Object(resourceGroup, "resource") is { } resource
            ? Attributes(resource)
            : new Dictionary<string, string>();
        return new TelemetryResource(
            attributes.GetValueOrDefault(ServiceNameAttribute) is { Length: > 0 } service ? service : TelemetryResource.UnknownService,
            attributes.GetValueOrDefault(ServiceInstanceAttribute));
    }

    private static IReadOnlyList<T> Array<T>(JsonObject parent, string name, Func<JsonNode?, T> read) => parent[name] switch
    {
        null => [],
        JsonArray array => [.. array.Select(read)],
        _ => throw Invalid(name, "an array"),
    };

    private static long? Int64(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<ulong>(out var large) => unchecked((long)large),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Invalid(name, "an integer"),
    };

    private static double? Double(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) => number,
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Invalid(name, "a number"),
    };

    private static OtlpFormatException Invalid(string field, string expected) => new($"'{field}' must be {expected}.");
}
