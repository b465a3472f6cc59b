using System.Collections.Concurrent;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Group commit for the inventory shards: this instance keeps one queue per shard and sends at most one batch to it at
/// a time. Commands that arrive while a batch is in flight wait and go together in the next one, so under load a
/// shard turn and its state transaction serve many customers, and when idle a command goes at once (no timer, no
/// added latency). The shard applies a batch in one turn and saves it in one transaction, so a batch is all or
/// nothing: if the call fails, every command in it fails and its caller decides (each is idempotent on its
/// reservation id, and a reserve left in doubt is settled by the customer's pending id, see CustomerReservations).
/// </summary>
public sealed class ShardBatches(IActorProxyFactory proxies, FlashSaleOptions options)
{
    private readonly ConcurrentDictionary<string, ShardQueue> _queues = new(StringComparer.Ordinal);

    public async Task<ShardResult> SendAsync(SaleDefinition sale, int shard, ShardCommand command, CancellationToken cancellationToken)
    {
        var (result, _) = await Queue(sale, shard).EnqueueAsync(command, cancellationToken);
        return result!;
    }

    /// <summary>The shard's ledger as of a batch that started after this call: rides along with other commands when there are any.</summary>
    public async Task<ShardLedger> LedgerAsync(SaleDefinition sale, int shard, CancellationToken cancellationToken) =>
        (await Queue(sale, shard).EnqueueAsync(null, cancellationToken)).Ledger;

    private ShardQueue Queue(SaleDefinition sale, int shard) =>
        _queues.GetOrAdd(ShardActorId.For(sale.Id, shard), (id, state) => new ShardQueue(
            state.Proxies.Create(new ActorId(id), nameof(InventoryShardActor)), state.Sale.ShardUnits(shard), state.Sale.ReservationTtl, state.MaxBatch),
            (Proxies: proxies, Sale: sale, MaxBatch: options.ShardBatchSize));

    private sealed class ShardQueue(ActorProxy shard, int units, TimeSpan ttl, int maxBatch)
    {
        private readonly Lock _gate = new();
        private readonly Queue<Waiter> _waiting = new();
        private bool _sending;

        /// <param name="command">Null: only the ledger is wanted.</param>
        public Task<(ShardResult? Result, ShardLedger Ledger)> EnqueueAsync(ShardCommand? command, CancellationToken cancellationToken)
        {
            var waiter = new Waiter(command);
            lock (_gate)
            {
                _waiting.Enqueue(waiter);
                if (!_sending)
                {
                    _sending = true;
                    _ = Task.Run(SendAllAsync, CancellationToken.None);
                }
            }
            // A caller that gives up stops waiting; its command may still be applied (every command is idempotent or settled later).
            return waiter.Reply.Task.WaitAsync(cancellationToken);
        }

        private async Task SendAllAsync()
        {
            while (TakeBatch() is { Count: > 0 } batch)
            {
                try
                {
                    var commands = new List<ShardCommand>(batch.Count);
                    foreach (var waiter in batch)
                    {
                        if (waiter.Command is { } command)
                        {
                            commands.Add(command);
                        }
                    }
                    var reply = await shard.InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), new ShardBatch(units, ttl, commands));
                    var next = 0;
                    foreach (var waiter in batch)
                    {
                        waiter.Reply.TrySetResult((waiter.Command is null ? null : reply.Results[next++], reply.Ledger));
                    }
                }
                catch (Exception ex)
                {
                    foreach (var waiter in batch)
                    {
                        waiter.Reply.TrySetException(ex);
                    }
                }
            }
        }

        private List<Waiter> TakeBatch()
        {
            lock (_gate)
            {
                var batch = new List<Waiter>(Math.Min(_waiting.Count, maxBatch));
                while (batch.Count < maxBatch && _waiting.TryDequeue(out var waiter))
                {
                    batch.Add(waiter);
                }
                _sending = batch.Count > 0;
                return batch;
            }
        }
    }

    private sealed class Waiter(ShardCommand? command)
    {
        public ShardCommand? Command { get; } = command;

        public TaskCompletionSource<(ShardResult? Result, ShardLedger Ledger)> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
