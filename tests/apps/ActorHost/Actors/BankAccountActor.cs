using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

public sealed class BankAccountActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), IBankAccountActor
{
    private const string BalanceKey = "balance";

    public async Task<long> DepositAsync(long amount)
    {
        var balance = await GetBalanceAsync() + amount;
        await StateManager.SetStateAsync(BalanceKey, balance);
        return balance;
    }

    public async Task<long> GetBalanceAsync()
    {
        var balance = await StateManager.TryGetStateAsync<long>(BalanceKey);
        return balance.HasValue ? balance.Value : 0;
    }

    public async Task<bool> TransferAsync(string toAccountId, long amount)
    {
        var balance = await GetBalanceAsync();
        if (balance < amount)
        {
            return false;
        }
        await StateManager.SetStateAsync(BalanceKey, balance - amount);
        // Persist the debit before crediting, so a crash can never create money.
        await StateManager.SaveStateAsync();
        var target = ProxyFactory.CreateActorProxy<IBankAccountActor>(new ActorId(toAccountId), nameof(BankAccountActor));
        await target.DepositAsync(amount);
        return true;
    }
}
