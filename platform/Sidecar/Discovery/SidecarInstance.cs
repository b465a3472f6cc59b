namespace AmazonScale.Sidecar.Discovery;

/// <summary>
/// One running sidecar as the machine-wide registry records it: the stand-in for what daprd learns from
/// mDNS (where an app id listens) and from the placement service (which actor types it hosts).
/// </summary>
public sealed record SidecarInstance
{
    public required string AppId { get; init; }
    public required string InstanceId { get; init; }
    public required int Pid { get; init; }
    public required int HttpPort { get; init; }
    public required int GrpcPort { get; init; }
    public int? AppPort { get; init; }

    /// <summary>True once the app answered and its configuration and subscriptions were loaded.</summary>
    public bool Ready { get; init; }

    public IReadOnlyList<string> ActorTypes { get; init; } = [];

    /// <summary>
    /// The actor membership (<c>ActorPlacement.MembershipSignature</c>) this sidecar has switched to: the actors it no
    /// longer owns under it were deactivated first. Stands in for daprd's placement lock/update/unlock round.
    /// </summary>
    public string? AppliedMembership { get; init; }

    /// <summary>"pubsubName/topic@consumerGroup" of every topic this sidecar consumes through pubsub.in-memory (machine-wide fan-out).</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset HeartbeatAt { get; init; }
}
