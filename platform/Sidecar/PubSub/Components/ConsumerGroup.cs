using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.PubSub.Components;

/// <summary>
/// The consumerID metadata shared by the pub/sub components: the consumer group that shares messages,
/// defaulting to the app id. "{uuid}" gives every sidecar its own group, so every instance receives every
/// message (broadcast); "{appID}" and "{podName}" expand as in daprd (no pods here: the app id).
/// </summary>
public static class ConsumerGroup
{
    public static string Resolve(ComponentResource resource, string appId) =>
        (resource.Get("consumerID") ?? appId)
            .Replace("{appID}", appId, StringComparison.Ordinal)
            .Replace("{podName}", appId, StringComparison.Ordinal)
            .Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
}
