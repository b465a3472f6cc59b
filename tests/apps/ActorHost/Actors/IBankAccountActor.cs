using Dapr.Actors;

namespace AmazonScale.TestActorHost.Actors;

public interface IBankAccountActor : IActor
{
    Task<long> DepositAsync(long amount);

    Task<long> GetBalanceAsync();

    /// <summary>Withdraws here, then deposits into <paramref name="toAccountId"/> through an actor-to-actor call. False when funds are short.</summary>
    Task<bool> TransferAsync(string toAccountId, long amount);
}
