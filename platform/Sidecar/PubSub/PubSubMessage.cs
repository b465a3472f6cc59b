namespace AmazonScale.Sidecar.PubSub;

/// <summary>
/// A message as the broker carries it: the payload (usually a serialized CloudEvent), its content type
/// and the broker metadata that daprd passes to subscribers as HTTP headers.
/// </summary>
public sealed record PubSubMessage(string Topic, ReadOnlyMemory<byte> Data, string? ContentType, IReadOnlyDictionary<string, string> Metadata)
{
    public static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();
}
