using System.Collections.Concurrent;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Group commit for the inventory shards: this instance keeps one <see cref="GroupCommit{TItem,TResult}"/> per shard and
/// sends at most one batch to it at a time. Commands that arrive while a batch is in flight wait and go together in the next one, so under load a
/// shard turn and its state transaction serve many customers, and when idle a command goes at once (no timer, no
/// added latency). The shard applies a batch in one turn and saves it in one transaction, so a batch is all or
/// nothing: if the call fails, every command in it fails and its caller decides (each is idempotent on its
/// reservation id, and a reserve left in doubt is settled by the customer's pending id, see CustomerReservations).
/// </summary>
public sealed class ShardBatches(IActorProxyFactory proxies, ShardStock stock, FlashSaleOptions options, TimeProvider clock)
{
    /// <summary>
    /// How long a deferred command waits for a batch to ride with. Under load shards see a batch every few tens of
    /// milliseconds; the bound stays well below the follow-up retry (5 s) whose work a late mark would duplicate.
    /// </summary>
    private static readonly TimeSpan DeferredCommandDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, GroupCommit<ShardCommand?, (ShardResult? Result, ShardLedger Ledger)>> _queues = new(StringComparer.Ordinal);

    public async Task<ShardResult> SendAsync(SaleDefinition sale, int shard, ShardCommand command, CancellationToken cancellationToken)
    {
        var (result, _) = await Queue(sale, shard).EnqueueAsync(command, cancellationToken);
        return result!;
    }

    /// <summary>A command nobody waits for (see <see cref="GroupCommit{TItem,TResult}.Defer"/>): it rides with the shard's next batch.</summary>
    public void Defer(SaleDefinition sale, int shard, ShardCommand command) => Queue(sale, shard).Defer(command, DeferredCommandDelay);

    /// <summary>The shard's ledger as of a batch that started after this call: rides along with other commands when there are any.</summary>
    public async Task<ShardLedger> LedgerAsync(SaleDefinition sale, int shard, CancellationToken cancellationToken) =>
        (await Queue(sale, shard).EnqueueAsync(null, cancellationToken)).Ledger;

    private GroupCommit<ShardCommand?, (ShardResult? Result, ShardLedger Ledger)> Queue(SaleDefinition sale, int shard) =>
        _queues.GetOrAdd(ShardActorId.For(sale.Id, shard), (id, state) =>
        {
            var actor = state.Proxies.Create(new ActorId(id), nameof(InventoryShardActor));
            var (sale, shard, stock) = (state.Sale, state.Shard, state.Stock);
            return new GroupCommit<ShardCommand?, (ShardResult? Result, ShardLedger Ledger)>(async batch =>
            {
                var results = await ApplyAsync(actor, sale.ShardUnits(shard), sale.ReservationTtl, batch);
                stock.Record(sale, shard, results[0].Ledger);
                return results;
            }, state.MaxBatch, state.Clock);
        }, (Proxies: proxies, Sale: sale, Shard: shard, Stock: stock, MaxBatch: options.ShardBatchSize, Clock: clock));

    /// <param name="batch">Null entries only want the ledger.</param>
    private static async Task<(ShardResult? Result, ShardLedger Ledger)[]> ApplyAsync(ActorProxy shard, int units, TimeSpan ttl, IReadOnlyList<ShardCommand?> batch)
    {
        var commands = new List<ShardCommand>(batch.Count);
        foreach (var command in batch)
        {
            if (command is not null)
            {
                commands.Add(command);
            }
        }
        var reply = await shard.InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), new ShardBatch(units, ttl, commands));
        var results = new (ShardResult? Result, ShardLedger Ledger)[batch.Count];
        var next = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = (batch[i] is null ? null : reply.Results[next++], reply.Ledger);
        }
        return results;
    }
}
