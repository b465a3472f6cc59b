using AmazonScale.Sidecar.Actors;
using AmazonScale.Sidecar.Actors.Placement;
using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.Sidecar.Tests.Actors.Placement;

/// <summary>
/// Two actor hosts sharing one registry folder, as two sidecars of a machine do. When a host joins, only the actors
/// that move to it wait for both hosts to apply the new membership; every other actor keeps its owner throughout.
/// </summary>
public sealed class ActorPlacementSettlementTests : IDisposable
{
    private const string ActorType = "Counter";
    private readonly string _folder = Directory.CreateTempSubdirectory("placement-").FullName;

    [Fact]
    public void While_a_joining_host_has_not_applied_the_membership_only_the_actors_moving_to_it_wait()
    {
        var (first, firstPlacement) = Host("first");
        firstPlacement.Apply(firstPlacement.MembershipSignature());
        var (_, secondPlacement) = Host("second");
        firstPlacement.Refresh();

        var actors = Enumerable.Range(0, 400).Select(i => new ActorKey(ActorType, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var moving = actors.Where(actor => !firstPlacement.IsOwnedHere(actor)).ToList();
        var staying = actors.Except(moving).ToList();
        Assert.InRange(moving.Count, 100, 300);

        // The first host still runs the old membership, the second has applied none: moving actors wait everywhere.
        Assert.All(moving, actor => Assert.False(firstPlacement.IsSettledFor(actor)));
        Assert.All(moving, actor => Assert.False(secondPlacement.IsSettledFor(actor)));
        Assert.All(staying, actor => Assert.True(firstPlacement.IsSettledFor(actor)));
        Assert.False(firstPlacement.IsSettled());

        // The joining host applies, then the first host (after draining what it gave away): everything is settled.
        secondPlacement.Apply(secondPlacement.MembershipSignature());
        firstPlacement.Refresh();
        Assert.All(moving, actor => Assert.False(firstPlacement.IsSettledFor(actor)));
        Assert.All(staying, actor => Assert.True(secondPlacement.IsSettledFor(actor)));
        firstPlacement.Apply(firstPlacement.MembershipSignature());
        secondPlacement.Refresh();
        Assert.All(actors, actor => Assert.True(secondPlacement.IsSettledFor(actor)));
        Assert.True(secondPlacement.IsSettled());
        Assert.Equal(first.Self.AppliedMembership, secondPlacement.MembershipSignature());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (LocalRegistry Registry, ActorPlacement Placement) Host(string appId)
    {
        var registry = new LocalRegistry(new SidecarOptions { AppId = appId, RegistryDirectory = _folder }, NullLogger<LocalRegistry>.Instance, TimeProvider.System);
        registry.UpdateSelf(self => self with { Ready = true, ActorTypes = [ActorType] });
        return (registry, new ActorPlacement(registry));
    }
}
