using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Metadata;

namespace AmazonScale.Sidecar.Actors;

/// <summary>Active actor counts per hosted type and the actor runtime status in GET /v1.0/metadata.</summary>
public sealed class ActorsMetadata(HostedActorTypes hosted, ActorActivations activations) : IMetadataContributor
{
    public void Contribute(MetadataSnapshot snapshot)
    {
        snapshot.ActorRuntimeStatus = hosted.IsLoaded ? "RUNNING" : "INITIALIZING";
        snapshot.ActorHostReady = hosted.IsLoaded;
        snapshot.Placement = hosted.IsLoaded ? "placement: connected (local registry)" : "placement: disconnected";
        var counts = activations.All.GroupBy(a => a.Key.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var type in hosted.Names.Order(StringComparer.Ordinal))
        {
            snapshot.ActiveActors.Add(new ActiveActorsCount(type, counts.GetValueOrDefault(type)));
        }
    }
}
