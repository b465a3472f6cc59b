namespace AmazonScale.Dashboard.Otlp;

/// <summary>How a protobuf field is encoded on the wire and how it appears in OTLP JSON.</summary>
internal enum ProtoType
{
    String,
    Bool,
    /// <summary>int64, uint64, int32, uint32 and enums: varint, JSON number.</summary>
    Varint,
    SInt32,
    Fixed32,
    Fixed64,
    SFixed64,
    Double,
    /// <summary>trace_id / span_id bytes: OTLP JSON writes them as lowercase hex, not base64.</summary>
    HexId,
    Bytes,
    Message,
}

internal sealed record ProtoField(string JsonName, ProtoType Type, bool Repeated, ProtoMessage? Message);

/// <summary>A message's field numbers mapped to their OTLP JSON names; fields not listed are skipped when decoding.</summary>
internal sealed class ProtoMessage(string name)
{
    private readonly Dictionary<int, ProtoField> _fields = [];

    public string Name { get; } = name;

    public bool TryGetField(int number, out ProtoField field) => _fields.TryGetValue(number, out field!);

    public ProtoMessage Scalar(int number, string jsonName, ProtoType type, bool repeated = false)
    {
        _fields.Add(number, new ProtoField(jsonName, type, repeated, null));
        return this;
    }

    public ProtoMessage Nested(int number, string jsonName, ProtoMessage message, bool repeated = false)
    {
        _fields.Add(number, new ProtoField(jsonName, ProtoType.Message, repeated, message));
        return this;
    }
}
