namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>bulkSubscribe: how many events one bulk delivery may hold and how long to wait to fill it.</summary>
public sealed record BulkSubscribeOptions(int MaxMessagesCount, int MaxAwaitDurationMs);
