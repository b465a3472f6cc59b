namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>An entry the broker refused.</summary>
public sealed record BulkPublishFailure(string EntryId, string Error);
