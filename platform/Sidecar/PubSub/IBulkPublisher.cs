namespace AmazonScale.Sidecar.PubSub;

/// <summary>
/// A pub/sub component that publishes a batch natively (components-contrib's pubsub.BulkPublisher). Components without
/// it get daprd's default: every message published on its own, concurrently.
/// </summary>
public interface IBulkPublisher
{
    /// <summary>Publishes messages of one topic together; throws when the broker did not take them (then none counts as published).</summary>
    Task PublishBulkAsync(IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken);
}
