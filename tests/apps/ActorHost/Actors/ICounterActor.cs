using Dapr.Actors;

namespace AmazonScale.TestActorHost.Actors;

public interface ICounterActor : IActor
{
    /// <summary>Adds <paramref name="by"/> with a read-yield-write sequence that would lose updates without turns.</summary>
    Task<long> IncrementAsync(long by);

    Task<long> GetAsync();

    Task FailAsync(string message);
}
