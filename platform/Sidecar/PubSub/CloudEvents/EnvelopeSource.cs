namespace AmazonScale.Sidecar.PubSub.CloudEvents;

/// <summary>Who publishes, where and when: what the runtime adds to every envelope.</summary>
public sealed record EnvelopeSource(
    string AppId,
    string PubsubName,
    string Topic,
    TraceContext Trace,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, string> Metadata);
