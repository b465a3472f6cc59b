namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// A sale as created by an administrator; immutable afterwards, so every instance may cache it forever.
/// Its units are split over <see cref="Shards"/> inventory shards so that reservations on a hot SKU run in parallel.
/// </summary>
public sealed record SaleDefinition(
    string Id,
    string Sku,
    int Units,
    decimal Price,
    string Currency,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerCustomerLimit,
    TimeSpan ReservationTtl,
    QueueMode QueueMode,
    int Shards,
    int AdmissionBatchSize,
    TimeSpan AdmissionInterval,
    TimeSpan AdmissionWindow)
{
    /// <summary>Units of shard <paramref name="shard"/>: an even split, the remainder going to the first shards.</summary>
    public int ShardUnits(int shard) => Units / Shards + (shard < Units % Shards ? 1 : 0);

    /// <summary>The shard a customer tries first, so that customers spread evenly over the shards.</summary>
    public int HomeShard(string customerId) => (int)(StableHash.Of(customerId) % (uint)Shards);

    public double AdmissionsPerSecond => AdmissionBatchSize / AdmissionInterval.TotalSeconds;

    public bool HasEnded(DateTimeOffset now) => now >= EndsAt;
}
