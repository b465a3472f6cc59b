using AmazonScale.Sidecar.Discovery;

namespace AmazonScale.Sidecar.Actors.Placement;

/// <summary>
/// What placement derives from one registry snapshot: the actor hosts, their membership signature, the memberships the
/// hosts have applied and a hash ring per actor type. Every actor call asks placement twice (settled? owner?); deriving
/// this once per snapshot (the registry re-reads its folder at most every 250 ms) keeps string joins, LINQ and ring
/// construction off that path.
/// </summary>
internal sealed class MembershipView
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashRing<SidecarInstance>> _ringsByType = new(StringComparer.Ordinal);

    public MembershipView(IReadOnlyList<SidecarInstance> snapshot, SidecarInstance self)
    {
        Snapshot = snapshot;
        Self = self;
        Hosts = snapshot.Where(i => i.Ready && i.ActorTypes.Count > 0).ToList();
        Signature = string.Join(';', Hosts.Select(i => $"{i.InstanceId}:{string.Join(',', i.ActorTypes)}"));
        // This sidecar's own applied membership is read from memory: its registry file may lag behind.
        var applied = Hosts.Select(host => host.InstanceId == self.InstanceId ? self.AppliedMembership ?? "" : host.AppliedMembership).ToList();
        AllApplied = applied.All(membership => membership == Signature);
        // Another host that has applied no membership yet has activated nothing, so it cannot disagree.
        DistinctApplied = applied.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<SidecarInstance> Snapshot { get; }
    public SidecarInstance Self { get; }
    public IReadOnlyList<SidecarInstance> Hosts { get; }

    /// <summary>Identifies the membership of every actor type; changes whenever ownership may have moved.</summary>
    public string Signature { get; }

    /// <summary>Every actor host has applied <see cref="Signature"/>.</summary>
    public bool AllApplied { get; }

    /// <summary>The memberships the hosts have applied (this sidecar's as "" until it applies one).</summary>
    public string[] DistinctApplied { get; }

    public bool IsCurrentFor(IReadOnlyList<SidecarInstance> snapshot, SidecarInstance self) =>
        ReferenceEquals(Snapshot, snapshot) && ReferenceEquals(Self, self);

    public SidecarInstance? OwnerOf(ActorKey actor)
    {
        HashRing<SidecarInstance>? ring;
        lock (_gate)
        {
            if (!_ringsByType.TryGetValue(actor.Type, out ring))
            {
                var hosts = Hosts.Where(i => i.ActorTypes.Contains(actor.Type, StringComparer.Ordinal)).ToList();
                ring = new HashRing<SidecarInstance>(hosts, h => h.InstanceId);
                _ringsByType[actor.Type] = ring;
            }
        }
        return ring.OwnerOf(actor.PlacementKey);
    }

    public bool HasOtherHosts(string actorType) =>
        Hosts.Any(h => h.InstanceId != Self.InstanceId && h.ActorTypes.Contains(actorType, StringComparer.Ordinal));
}
