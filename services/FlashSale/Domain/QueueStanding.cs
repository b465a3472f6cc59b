namespace AmazonScale.FlashSale.Domain;

/// <summary>Where one queue ticket stands, computed in-process from the latest sale snapshot (no I/O).</summary>
/// <param name="Position">1-based; null while a shuffled pre-queue is not drawn yet.</param>
/// <param name="AdmissionExpiresAt">Set when admitted: reserve before this.</param>
/// <param name="MayReopen">Sold out for now, but units are reserved and may come back if those reservations expire.</param>
public sealed record QueueStanding(
    QueueState State,
    long? Position,
    long? Ahead,
    double? EstimatedWaitSeconds,
    DateTimeOffset? AdmissionExpiresAt,
    bool MayReopen)
{
    public static QueueStanding Of(SaleDefinition sale, QueueLine line, int available, int reserved, long ticket, DateTimeOffset now)
    {
        var position = line.PositionOf(sale, ticket);
        if (sale.HasEnded(now) || (position is { } done && done <= line.ExpiredThrough))
        {
            return new(QueueState.Expired, position, null, null, null, false);
        }
        if (available <= 0)
        {
            return new(QueueState.SoldOut, position, null, null, null, reserved > 0);
        }
        if (position is { } admitted && line.AdmittedAt(admitted) is { } at)
        {
            return new(QueueState.Admitted, position, 0, 0, at + sale.AdmissionWindow, false);
        }
        // An undrawn shuffled pre-queue position is on average in the middle of everyone who joined so far.
        long? ahead = position is { } waiting ? waiting - line.AdmittedThrough - 1 : null;
        var expectedAhead = ahead ?? line.TicketsIssued / 2;
        var untilStart = Math.Max(0, (sale.StartsAt - now).TotalSeconds);
        return new(QueueState.Waiting, position, ahead, untilStart + ((expectedAhead + 1) / sale.AdmissionsPerSecond), null, false);
    }
}
