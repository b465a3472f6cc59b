using Dapr.Actors;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// One shard of a sale's units (actor id "{saleId}:{shard}"). Turn-based, so decrements never race; the reminder
/// "sweep" releases expired reservations. Called weakly typed (JSON) by method name.
/// </summary>
public interface IInventoryShardActor : IActor
{
    /// <summary>Applies the commands in order in one turn; an empty batch just reads the ledger.</summary>
    Task<ShardBatchReply> Apply(ShardBatch batch);

    Task<ShardAudit> Audit();
}
