namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>Delivery gave up for now; the component keeps the message unacknowledged and redelivers it.</summary>
public sealed class PubSubDeliveryException(string message) : Exception(message);
