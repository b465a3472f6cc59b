namespace AmazonScale.Sidecar.PubSub.Components.InMemory;

/// <summary>A message as one sidecar hands it to another over /_local/pubsub (data travels base64 in JSON).</summary>
public sealed record LocalPubSubEnvelope(string Topic, byte[] Data, string? ContentType, Dictionary<string, string> Metadata);
