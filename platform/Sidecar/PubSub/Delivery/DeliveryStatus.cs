namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>What the app's answer to a delivery means (daprd's AppResponseStatus).</summary>
public enum DeliveryStatus
{
    Success,
    Retry,
    Drop,
}
