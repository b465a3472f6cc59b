namespace AmazonScale.Sidecar.State;

/// <summary>A loaded state component as the API layer sees it: its name, its store and its key prefix.</summary>
public sealed record ConfiguredStateStore(string Name, IStateStore Store, StateKeyPrefix KeyPrefix, bool IsActorStateStore);
