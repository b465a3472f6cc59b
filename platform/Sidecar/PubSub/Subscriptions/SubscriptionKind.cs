namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>Where a subscription came from, reported as the metadata API's "type".</summary>
public enum SubscriptionKind
{
    Programmatic,
    Declarative,
}
