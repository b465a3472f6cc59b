namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>One event as an app hands it to the publish API (HTTP body or gRPC PublishEventRequest).</summary>
public sealed record PublishRequest(
    string PubsubName,
    string Topic,
    ReadOnlyMemory<byte> Data,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>One entry of a bulk publish; EntryId is echoed back in failures.</summary>
public sealed record BulkPublishEntry(string EntryId, ReadOnlyMemory<byte> Event, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An entry the broker refused.</summary>
public sealed record BulkPublishFailure(string EntryId, string Error);
