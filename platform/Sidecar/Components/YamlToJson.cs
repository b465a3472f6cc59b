using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AmazonScale.Sidecar.Components;

/// <summary>
/// Reads multi-document YAML into JSON nodes so that resources can be bound with System.Text.Json,
/// the same way daprd converts Kubernetes YAML to JSON before decoding. Plain scalars become booleans,
/// numbers or null as YAML 1.2's core schema says; quoted scalars stay strings.
/// </summary>
public static class YamlToJson
{
    public static IReadOnlyList<JsonNode?> ReadDocuments(TextReader reader)
    {
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode?>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(ReadNode(parser));
            parser.Consume<DocumentEnd>();
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return ReadScalar(scalar);
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser));
            }
            return array;
        }
        if (parser.TryConsume<MappingStart>(out _))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                obj[key] = ReadNode(parser);
            }
            return obj;
        }
        var unexpected = parser.Current;
        throw new YamlException(unexpected?.Start ?? Mark.Empty, unexpected?.End ?? Mark.Empty,
            $"Unsupported YAML construct {unexpected?.GetType().Name} (anchors and aliases are not supported).");
    }

    private static JsonNode? ReadScalar(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(scalar.Value);
        }
        var text = scalar.Value;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }
}
