using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Sales;

/// <summary>A sale's stock (every shard's ledger) and queue line as one instance last saw them.</summary>
public sealed record SaleSnapshot(SaleDefinition Sale, IReadOnlyList<ShardLedger> Shards, QueueLine Line, DateTimeOffset At)
{
    public int Available => Shards.Sum(shard => shard.Available);

    public int Reserved => Shards.Sum(shard => shard.Reserved);

    public int Sold => Shards.Sum(shard => shard.Sold);

    /// <summary>Checked per shard: each ledger is read in one actor turn, so its numbers belong together.</summary>
    public bool InvariantHolds => Shards.All(shard => shard.IsConsistent) && Available + Reserved + Sold == Sale.Units;
}
