using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Sales;

/// <summary>A sale as an administrator writes it (snake_case JSON; durations in seconds). Only sku, units and price are required.</summary>
public sealed record CreateSaleRequest(
    string? Id,
    string? Sku,
    int? Units,
    decimal? Price,
    string? Currency,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? PerCustomerLimit,
    double? ReservationTtlSeconds,
    QueueMode? QueueMode,
    int? Shards,
    int? AdmissionBatchSize,
    double? AdmissionIntervalSeconds,
    double? AdmissionWindowSeconds);

public enum SaleState { Scheduled, Open, SoldOut, Ended }

/// <summary>A sale's definition and its live numbers; available + reserved + sold == units at every observation.</summary>
public sealed record SaleStatusResponse(
    string Id,
    string Sku,
    int Units,
    decimal Price,
    string Currency,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerCustomerLimit,
    double ReservationTtlSeconds,
    QueueMode QueueMode,
    int Shards,
    int AdmissionBatchSize,
    double AdmissionIntervalSeconds,
    double AdmissionWindowSeconds,
    SaleState State,
    int Available,
    int Reserved,
    int Sold,
    bool InvariantHolds,
    long QueueLength,
    long AdmittedThrough,
    double AdmissionsPerSecond)
{
    public static SaleStatusResponse From(SaleSnapshot snapshot, DateTimeOffset now)
    {
        var sale = snapshot.Sale;
        var state = sale.HasEnded(now) ? SaleState.Ended
            : now < sale.StartsAt ? SaleState.Scheduled
            : snapshot.Available == 0 ? SaleState.SoldOut
            : SaleState.Open;
        return new(sale.Id, sale.Sku, sale.Units, sale.Price, sale.Currency, sale.StartsAt, sale.EndsAt, sale.PerCustomerLimit,
            sale.ReservationTtl.TotalSeconds, sale.QueueMode, sale.Shards, sale.AdmissionBatchSize, sale.AdmissionInterval.TotalSeconds,
            sale.AdmissionWindow.TotalSeconds, state, snapshot.Available, snapshot.Reserved, snapshot.Sold, snapshot.InvariantHolds,
            snapshot.Line.Waiting, snapshot.Line.AdmittedThrough, sale.AdmissionsPerSecond);
    }
}

/// <summary>Every shard's ledger and reservations (admin): what crash tests check exactly-once release against.</summary>
public sealed record SaleAuditResponse(string SaleId, bool Consistent, IReadOnlyList<ShardAuditView> Shards);

/// <param name="Consistent">The ledger is internally consistent and its counts match the reservations' statuses one for one.</param>
public sealed record ShardAuditView(int Shard, ShardLedger Ledger, bool Consistent, IReadOnlyList<ShardReservation> Reservations);
