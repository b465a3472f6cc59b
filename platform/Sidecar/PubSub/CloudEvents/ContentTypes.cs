namespace AmazonScale.Sidecar.PubSub.CloudEvents;

/// <summary>How daprd classifies a datacontenttype when it builds or unwraps a CloudEvent.</summary>
public static class ContentTypes
{
    public const string CloudEventJson = "application/cloudevents+json";
    public const string Json = "application/json";
    public const string OctetStream = "application/octet-stream";
    public const string TextPlain = "text/plain";

    /// <summary>The media type without parameters, lower-cased ("application/json; charset=utf-8" → "application/json").</summary>
    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    public static bool IsCloudEvent(string? contentType) => MediaType(contentType) == CloudEventJson;

    public static bool IsJson(string? contentType)
    {
        var media = MediaType(contentType);
        return media is Json or "text/json" || (media.EndsWith("+json", StringComparison.Ordinal) && media != CloudEventJson);
    }

    /// <summary>Types whose bytes cannot travel as a JSON string; they go to data_base64.</summary>
    public static bool IsBinary(string? contentType)
    {
        var media = MediaType(contentType);
        return media is OctetStream or "application/protobuf" or "application/x-protobuf" or "application/grpc" or "application/zip" or "application/gzip"
            || media.StartsWith("image/", StringComparison.Ordinal)
            || media.StartsWith("audio/", StringComparison.Ordinal)
            || media.StartsWith("video/", StringComparison.Ordinal);
    }
}
