namespace AmazonScale.FlashSale.Domain;

/// <summary>Admission moved the line up to position <see cref="Through"/> at <see cref="At"/>.</summary>
public sealed record AdmissionBatch(long Through, DateTimeOffset At);

/// <summary>A block of tickets handed to one instance, which gives them to joining customers without a round trip.</summary>
/// <param name="BeforeStart">Leased before the sale started: in shuffled mode such tickets are only valid until the start.</param>
public sealed record TicketLease(long From, long To, bool BeforeStart);

/// <summary>
/// One sale's virtual queue (held by the sale's queue actor). Tickets are numbered in the order they are leased;
/// a ticket's position is its number, except in shuffled mode where the tickets issued before the start
/// (<see cref="PreQueueSize"/>, fixed at the start) are permuted by <see cref="ShuffleSeed"/>. Admission moves
/// <see cref="AdmittedThrough"/> by one batch per interval while stock is available (inventory-aware: it pauses
/// while nothing is available and resumes if reservations expire). Positions at or below <see cref="ExpiredThrough"/>
/// were admitted longer than the admission window ago.
/// </summary>
public sealed record QueueLine(
    long TicketsIssued,
    long? PreQueueSize,
    long ShuffleSeed,
    long AdmittedThrough,
    long ExpiredThrough,
    DateTimeOffset? LastAdmissionAt,
    IReadOnlyList<AdmissionBatch> Batches)
{
    public static QueueLine Create(long shuffleSeed) => new(0, null, shuffleSeed, 0, 0, null, []);

    public bool HasStarted => PreQueueSize is not null;

    public long Waiting => Math.Max(0, TicketsIssued - AdmittedThrough);

    public QueueLine StartIfDue(SaleDefinition sale, DateTimeOffset now) =>
        HasStarted || now < sale.StartsAt ? this : this with { PreQueueSize = TicketsIssued, LastAdmissionAt = sale.StartsAt };

    public (QueueLine Line, TicketLease Lease) Lease(SaleDefinition sale, int count, DateTimeOffset now)
    {
        var line = StartIfDue(sale, now);
        var lease = new TicketLease(line.TicketsIssued + 1, line.TicketsIssued + count, !line.HasStarted);
        return (line with { TicketsIssued = lease.To }, lease);
    }

    /// <summary>Admits the batches due since the last admission (none while nothing is available or nobody waits).</summary>
    public QueueLine Admit(SaleDefinition sale, int available, DateTimeOffset now)
    {
        var line = StartIfDue(sale, now);
        if (!line.HasStarted || sale.HasEnded(now))
        {
            return line;
        }
        var due = (long)((now - line.LastAdmissionAt!.Value) / sale.AdmissionInterval);
        if (due <= 0)
        {
            return line.ExpireOldBatches(sale, now);
        }
        var clock = line.LastAdmissionAt.Value + (due * sale.AdmissionInterval);
        if (available <= 0 || line.AdmittedThrough >= line.TicketsIssued)
        {
            // Time without admissions is not banked: a queue that paused or was empty does not admit a burst later.
            return (line with { LastAdmissionAt = clock }).ExpireOldBatches(sale, now);
        }
        var through = Math.Min(line.TicketsIssued, line.AdmittedThrough + (due * sale.AdmissionBatchSize));
        return (line with { AdmittedThrough = through, LastAdmissionAt = clock, Batches = [.. line.Batches, new AdmissionBatch(through, now)] })
            .ExpireOldBatches(sale, now);
    }

    /// <summary>The 1-based position of a ticket, or null while a shuffled pre-queue has not been drawn yet.</summary>
    public long? PositionOf(SaleDefinition sale, long ticket) =>
        sale.QueueMode == QueueMode.Fifo ? ticket
        : PreQueueSize is not { } size ? null
        : ticket <= size ? new ShuffledPositions(size, ShuffleSeed).PositionOf(ticket)
        : ticket;

    /// <summary>When the position was admitted, if it was and its admission has not expired.</summary>
    public DateTimeOffset? AdmittedAt(long position) =>
        position <= ExpiredThrough || position > AdmittedThrough ? null : Batches.First(batch => batch.Through >= position).At;

    private QueueLine ExpireOldBatches(SaleDefinition sale, DateTimeOffset now)
    {
        var old = Batches.TakeWhile(batch => batch.At + sale.AdmissionWindow <= now).ToList();
        return old.Count == 0 ? this : this with { ExpiredThrough = old[^1].Through, Batches = [.. Batches.Skip(old.Count)] };
    }
}
