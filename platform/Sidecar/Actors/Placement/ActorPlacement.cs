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
    private const int MaxAppliedRings = 64;
    private readonly Dictionary<string, (string Signature, HashRing<SidecarInstance> Ring)> _rings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Membership, string ActorType), HashRing<string>> _appliedRings = [];

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

    /// <summary>
    /// True when the actor has the same owner under the membership this sidecar sees and under every membership a host
    /// has applied: then no host can believe it owns the actor elsewhere, so calls to it need not wait for the whole
    /// table to settle. Only the actors that move wait (while hosts drain them), so a scale-out does not pause every
    /// actor call, and a turn that calls a non-moving actor while its own actor is being drained is not stuck behind
    /// that drain.
    /// </summary>
    public bool IsSettledFor(ActorKey actor)
    {
        var hosts = ActorHosts();
        var signature = SignatureOf(hosts);
        var owner = OwnerOf(actor)?.InstanceId;
        var self = registry.Self;
        // Another host that has applied no membership yet has activated nothing, so it cannot disagree; this sidecar
        // itself must have applied one before it serves any actor.
        return hosts
            .Select(host => host.InstanceId == self.InstanceId ? self.AppliedMembership ?? "" : host.AppliedMembership)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .All(applied => applied == signature || (owner is not null && OwnerUnder(applied, actor) == owner));
    }

    /// <summary>Announces that the actors this sidecar no longer owns under <paramref name="signature"/> are deactivated.</summary>
    public void Apply(string signature) => registry.UpdateSelf(self => self with { AppliedMembership = signature });

    public void Refresh() => registry.Invalidate();

    private List<SidecarInstance> ActorHosts() => registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Count > 0).ToList();

    /// <summary>The owner an actor has under a membership signature.</summary>
    private string? OwnerUnder(string membership, ActorKey actor)
    {
        HashRing<string>? ring;
        lock (_gate)
        {
            if (!_appliedRings.TryGetValue((membership, actor.Type), out ring))
            {
                if (_appliedRings.Count >= MaxAppliedRings)
                {
                    // Signatures change only when hosts join or leave; old ones are never asked for again.
                    _appliedRings.Clear();
                }
                ring = new HashRing<string>(HostsIn(membership, actor.Type), id => id);
                _appliedRings[(membership, actor.Type)] = ring;
            }
        }
        return ring.OwnerOf(actor.PlacementKey);
    }

    /// <summary>Reads back <see cref="SignatureOf"/>: instance ids are hex and actor type names hold no ',' or ';'.</summary>
    private static IEnumerable<string> HostsIn(string membership, string actorType) =>
        membership.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].Split(',').Contains(actorType, StringComparer.Ordinal))
            .Select(parts => parts[0]);

    private static string SignatureOf(IEnumerable<SidecarInstance> hosts) =>
        string.Join(';', hosts.Select(i => $"{i.InstanceId}:{string.Join(',', i.ActorTypes)}"));

    private List<SidecarInstance> HostsOf(string actorType) =>
        registry.LiveInstances().Where(i => i.Ready && i.ActorTypes.Contains(actorType, StringComparer.Ordinal)).ToList();
}
