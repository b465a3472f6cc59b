namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>One entry of a bulk publish; EntryId is echoed back in failures.</summary>
public sealed record BulkPublishEntry(string EntryId, ReadOnlyMemory<byte> Event, string? ContentType, IReadOnlyDictionary<string, string> Metadata);
