using System.Text.Json.Nodes;
using Google.Protobuf;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>
/// Decodes binary protobuf into the OTLP JSON shape (camelCase names, hex ids, integers as numbers), so the
/// binary and JSON encodings share one mapping to the telemetry model.
/// </summary>
internal static class ProtobufToJson
{
    // AnyValue can nest arrays and maps; a bound stops a hostile body from exhausting the stack.
    private const int MaxDepth = 32;

    public static JsonObject Decode(byte[] payload, ProtoMessage schema) => ReadMessage(new CodedInputStream(payload), schema, depth: 0);

    private static JsonObject ReadMessage(CodedInputStream input, ProtoMessage schema, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new OtlpFormatException($"Messages are nested deeper than {MaxDepth} levels.");
        }

        var result = new JsonObject();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var wireType = WireFormat.GetTagWireType(tag);
            if (!schema.TryGetField(number, out var field))
            {
                input.SkipLastField();
                continue;
            }

            if (field.Repeated && wireType == WireFormat.WireType.LengthDelimited && IsPackable(field.Type))
            {
                var packed = input.ReadBytes().CreateCodedInput();
                while (!packed.IsAtEnd)
                {
                    Append(result, field, ReadScalar(packed, field.Type));
                }

                continue;
            }

            if (wireType != WireTypeOf(field.Type))
            {
                throw new OtlpFormatException($"{schema.Name}.{field.JsonName} (field {number}) has wire type {wireType}, expected {WireTypeOf(field.Type)}.");
            }

            JsonNode value = field.Type == ProtoType.Message
                ? ReadMessage(input.ReadBytes().CreateCodedInput(), field.Message!, depth + 1)
                : ReadScalar(input, field.Type);
            if (field.Repeated)
            {
                Append(result, field, value);
            }
            else
            {
                result[field.JsonName] = value;
            }
        }

        return result;
    }

    private static void Append(JsonObject target, ProtoField field, JsonNode value)
    {
        if (target[field.JsonName] is not JsonArray array)
        {
            array = [];
            target[field.JsonName] = array;
        }

        array.Add(value);
    }

    private static JsonValue ReadScalar(CodedInputStream input, ProtoType type) => type switch
    {
        ProtoType.String => JsonValue.Create(input.ReadString()),
        ProtoType.Bool => JsonValue.Create(input.ReadBool()),
        ProtoType.Varint => JsonValue.Create(input.ReadInt64()),
        ProtoType.SInt32 => JsonValue.Create((long)input.ReadSInt32()),
        ProtoType.Fixed32 => JsonValue.Create((long)input.ReadFixed32()),
        ProtoType.Fixed64 => JsonValue.Create(unchecked((long)input.ReadFixed64())),
        ProtoType.SFixed64 => JsonValue.Create(input.ReadSFixed64()),
        ProtoType.Double => JsonValue.Create(input.ReadDouble()),
        ProtoType.HexId => JsonValue.Create(Convert.ToHexStringLower(input.ReadBytes().Span)),
        ProtoType.Bytes => JsonValue.Create(input.ReadBytes().ToBase64()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Messages are not scalars."),
    };

    private static bool IsPackable(ProtoType type) =>
        type is ProtoType.Bool or ProtoType.Varint or ProtoType.SInt32 or ProtoType.Fixed32 or ProtoType.Fixed64 or ProtoType.SFixed64 or ProtoType.Double;

    private static WireFormat.WireType WireTypeOf(ProtoType type) => type switch
    {
        ProtoType.Bool or ProtoType.Varint or ProtoType.SInt32 => WireFormat.WireType.Varint,
        ProtoType.Fixed32 => WireFormat.WireType.Fixed32,
        ProtoType.Fixed64 or ProtoType.SFixed64 or ProtoType.Double => WireFormat.WireType.Fixed64,
        _ => WireFormat.WireType.LengthDelimited,
    };
}
