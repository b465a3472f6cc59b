namespace AmazonScale.TestSupport;

/// <summary>
/// The services promise that a change reaches every instance within one second (pub/sub push, typically tens of
/// milliseconds). CI runs every test assembly at once on two cores, where a single scheduling stall can pass a
/// second, so tests wait up to <see cref="Allowed"/> and fail only on a change that is lost or left to a cache expiry.
/// </summary>
public static class PropagationBudget
{
    public static readonly TimeSpan Allowed = TimeSpan.FromSeconds(5);
}
