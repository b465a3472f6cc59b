using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// Capability names daprd reports in the metadata API for a state component: the store's features plus ACTOR
/// when the component is the actor state store. All stores here support ETags, transactions and TTL.
/// </summary>
public static class StateCapabilities
{
    public static IReadOnlyList<string> Of(ComponentResource resource) =>
        resource.GetBool("actorStateStore") ? ["ETAG", "TRANSACTIONAL", "TTL", "ACTOR"] : ["ETAG", "TRANSACTIONAL", "TTL"];
}
