using AmazonScale.Sidecar.Discovery;

namespace AmazonScale.Sidecar.Actors.Placement;

/// <summary>
/// The stand-in for daprd's placement service: the owner of an actor is chosen by consistent hashing of
/// "type||id" over the live, ready sidecars that advertise the type in the machine registry. Every
/// sidecar derives the same table from the same registry, so no coordinator is needed.
/// </summary>
public sealed class ActorPlacement(LocalRegistry registry)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Signature, HashRing<SidecarInstance> Ring)> _rings = new(StringComparer.Ordinal);

    public string SelfInstanceId => registry.Self.InstanceId;

    public SidecarInstance? OwnerOf(ActorKey actor)
    {
        var hosts = HostsOf(actor.Type);
        if (hosts.Count == 0)
        {
            return null;
        }
        var signature = string.Join(',', hosts.Select(h => h.InstanceId));
        HashRing<SidecarInstance> ring;
        lock (_gate)
        {
            if (!_rings.TryGetValue(actor.Type, out var cached) || cached.Signature != signature)
            {
                cached = (signature, new HashRing<SidecarInstance>(hosts, h => h.InstanceId));
                _rings[actor.Type] = cached;
            }
            ring = cached.Ring;
        }
        return ring.OwnerOf(actor.PlacementKey);
    }

    public bool IsOwnedHere(ActorKey actor) => OwnerOf(actor)?.InstanceId == SelfInstanceId;

    /// <summary>Whether a live, ready sidecar other than this one hosts the type.</summary>
    public bool HasOtherHosts(string actorType) => HostsOf(actorType).Any(h => h.InstanceId != SelfInstanceId);

    /// <summary>Identifies the current membership of every actor type; changes whenever ownership may have moved.</summary>
    public string MembershipSignature() =>
        string.Join(';', registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Count > 0)
            .Select(i => $"{i.InstanceId}:{string.Join(',', i.ActorTypes)}"));

    public void Refresh() => registry.Invalidate();

    private List<SidecarInstance> HostsOf(string actorType) =>
        registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Contains(actorType, StringComparer.Ordinal)).ToList();
}
