using System.Text.Json;

namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>
/// daprd's reading of a subscriber's HTTP answer (pkg/runtime/subscription/postman/http): 2xx with an empty
/// or non-JSON body is SUCCESS; 2xx JSON {"status": SUCCESS|RETRY|DROP} says so ("" = SUCCESS, anything else
/// = retry); 404 drops the message; every other status is retried.
/// </summary>
public static class AppResponseClassifier
{
    public static DeliveryStatus Classify(int statusCode, ReadOnlySpan<byte> body)
    {
        if (statusCode == 404)
        {
            return DeliveryStatus.Drop;
        }
        if (statusCode is < 200 or > 299)
        {
            return DeliveryStatus.Retry;
        }
        string? status;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("status", out var field))
            {
                return DeliveryStatus.Success;
            }
            status = field.ValueKind == JsonValueKind.String ? field.GetString() : null;
        }
        catch (JsonException)
        {
            return DeliveryStatus.Success;
        }
        return (status ?? "").ToUpperInvariant() switch
        {
            "" or "SUCCESS" => DeliveryStatus.Success,
            "DROP" => DeliveryStatus.Drop,
            _ => DeliveryStatus.Retry,
        };
    }
}
