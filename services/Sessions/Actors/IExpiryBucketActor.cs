using Dapr.Actors;

namespace AmazonScale.Sessions.Actors;

/// <summary>
/// One slot of the cleanup timing wheel (actor id = bucket id): the sessions whose deadline falls in it. At the slot's
/// end its reminder asks each session to sweep itself; sessions used since move on to a later slot.
/// </summary>
public interface IExpiryBucketActor : IActor
{
    Task Enroll(EnrollRequest request);
}

public sealed record EnrollRequest(string SessionId, DateTimeOffset DueAt);

/// <summary>The sessions still waiting in a slot.</summary>
public sealed record ExpiryBucketState(DateTimeOffset DueAt, IReadOnlyList<string> SessionIds);

/// <summary>A sweep's answer: the session ended (or never existed), or it is alive and waits in <see cref="NextBucketId"/>.</summary>
public sealed record SweepReply(bool Ended, string? NextBucketId, DateTimeOffset NextDueAt);
