namespace AmazonScale.Sidecar.Metadata;

/// <summary>What GET /v1.0/metadata and gRPC GetMetadata report; building blocks fill in their parts.</summary>
public sealed class MetadataSnapshot
{
    public required string Id { get; init; }
    public required string RuntimeVersion { get; init; }
    public List<string> EnabledFeatures { get; } = [];
    public List<ComponentMetadata> Components { get; } = [];
    public Dictionary<string, string> Extended { get; } = new(StringComparer.Ordinal);
    public List<SubscriptionMetadata> Subscriptions { get; } = [];
    public List<ActiveActorsCount> ActiveActors { get; } = [];
    public string ActorRuntimeStatus { get; set; } = "DISABLED";
    public bool ActorHostReady { get; set; }
    public string Placement { get; set; } = "";
    public int? AppPort { get; init; }
    public string AppChannelAddress { get; init; } = "127.0.0.1";
}

public sealed record ComponentMetadata(string Name, string Type, string Version, IReadOnlyList<string> Capabilities);

public sealed record SubscriptionMetadata(
    string PubsubName,
    string Topic,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<(string Match, string Path)> Rules,
    string DeadLetterTopic,
    string Type);

public sealed record ActiveActorsCount(string Type, int Count);
