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
    private readonly Dictionary<(string Membership, string ActorType), HashRing<string>> _appliedRings = [];
    private MembershipView? _view;

    public string SelfInstanceId => registry.Self.InstanceId;

    public SidecarInstance? OwnerOf(ActorKey actor) => CurrentView().OwnerOf(actor);

    public bool IsOwnedHere(ActorKey actor) => OwnerOf(actor)?.InstanceId == SelfInstanceId;

    /// <summary>Whether a live, ready sidecar other than this one hosts the type.</summary>
    public bool HasOtherHosts(string actorType) => CurrentView().HasOtherHosts(actorType);

    /// <summary>Identifies the current membership of every actor type; changes whenever ownership may have moved.</summary>
    public string MembershipSignature() => CurrentView().Signature;

    /// <summary>
    /// True when every actor host has applied the membership this sidecar sees. Each sidecar reads the registry at its
    /// own moment, so right after a host joins or leaves two sidecars can each believe they own an actor; if both
    /// activated it, the second activation would keep serving state the first one changed or deleted. Routing only
    /// once all hosts agree (a host applies a membership after deactivating what it gave away) keeps one activation.
    /// </summary>
    public bool IsSettled() => CurrentView().AllApplied;

    /// <summary>
    /// True when the actor has the same owner under the membership this sidecar sees and under every membership a host
    /// has applied: then no host can believe it owns the actor elsewhere, so calls to it need not wait for the whole
    /// table to settle. Only the actors that move wait (while hosts drain them), so a scale-out does not pause every
    /// actor call, and a turn that calls a non-moving actor while its own actor is being drained is not stuck behind
    /// that drain. This sidecar itself must have applied a membership before it serves any actor.
    /// </summary>
    public bool IsSettledFor(ActorKey actor)
    {
        var view = CurrentView();
        if (view.AllApplied)
        {
            return true;
        }
        var owner = view.OwnerOf(actor)?.InstanceId;
        foreach (var applied in view.DistinctApplied)
        {
            if (applied != view.Signature && (owner is null || OwnerUnder(applied, actor) != owner))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Announces that the actors this sidecar no longer owns under <paramref name="signature"/> are deactivated.</summary>
    public void Apply(string signature) => registry.UpdateSelf(self => self with { AppliedMembership = signature });

    public void Refresh() => registry.Invalidate();

    private MembershipView CurrentView()
    {
        var snapshot = registry.LiveInstances();
        var self = registry.Self;
        var view = Volatile.Read(ref _view);
        if (view is null || !view.IsCurrentFor(snapshot, self))
        {
            // Two threads may both build a view of the same snapshot; either is correct.
            view = new MembershipView(snapshot, self);
            Volatile.Write(ref _view, view);
        }
        return view;
    }

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

    /// <summary>Reads back <see cref="MembershipView.Signature"/>: instance ids are hex and actor type names hold no ',' or ';'.</summary>
    private static IEnumerable<string> HostsIn(string membership, string actorType) =>
        membership.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].Split(',').Contains(actorType, StringComparer.Ordinal))
            .Select(parts => parts[0]);
}
