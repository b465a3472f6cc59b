using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// One delivery as the subscriber app saw it: the CloudEvent envelope on the wire (before UseCloudEvents
/// unwrapped it), the body the endpoint received after unwrapping, the request headers and the
/// Content-Type as sent by the sidecar (UseCloudEvents replaces it with datacontenttype).
/// </summary>
public sealed record ReceivedEvent(string AppInstance, string Route, JsonObject? Envelope, string Body, IReadOnlyDictionary<string, string> Headers, string? WireContentType)
{
    public string? Attribute(string name) => Envelope?[name]?.ToString();
}
