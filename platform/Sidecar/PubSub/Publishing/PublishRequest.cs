namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>One event as an app hands it to the publish API (HTTP body or gRPC PublishEventRequest).</summary>
public sealed record PublishRequest(
    string PubsubName,
    string Topic,
    ReadOnlyMemory<byte> Data,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);
