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
    public string MembershipSignature() => SignatureOf(ActorHosts());

    /// <summary>
    /// True when every actor host has applied the membership this sidecar sees. Each sidecar reads the registry at its
    /// own moment, so right after a host joins or leaves two sidecars can each believe they own an actor; if both
    /// activated it, the second activation would keep serving state the first one changed or deleted. Routing only
    /// once all hosts agree (a host applies a membership after deactivating what it gave away) keeps one activation.
    /// </summary>
    public bool IsSettled()
    {
        var hosts = ActorHosts();
        var signature = SignatureOf(hosts);
        var self = registry.Self;
        return hosts.All(host => (host.InstanceId == self.InstanceId ? self.AppliedMembership : host.AppliedMembership) == signature);
    }

    /// <summary>Announces that the actors this sidecar no longer owns under <paramref name="signature"/> are deactivated.</summary>
    public void Apply(string signature) => registry.UpdateSelf(self => self with { AppliedMembership = signature });

    public void Refresh() => registry.Invalidate();

    private List<SidecarInstance> ActorHosts() => registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Count > 0).ToList();

    private static string SignatureOf(IEnumerable<SidecarInstance> hosts) =>
        string.Join(';', hosts.Select(i => $"{i.InstanceId}:{string.Join(',', i.ActorTypes)}"));

    private List<SidecarInstance> HostsOf(string actorType) =>
        registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Contains(actorType, StringComparer.Ordinal)).ToList();
}
