using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class QueueLineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static SaleDefinition Sale(QueueMode mode = QueueMode.Fifo) => new(
        "s1", "sku", 100, 10m, "USD", Start, Start.AddHours(1), 1, TimeSpan.FromMinutes(5), mode, 4, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private static QueueLine LineWith(long tickets, DateTimeOffset at, SaleDefinition? sale = null) =>
        QueueLine.Create(42).Lease(sale ?? Sale(), (int)tickets, at).Line;

    [Fact]
    public void Leases_hand_out_consecutive_blocks()
    {
        var (line, first) = QueueLine.Create(1).Lease(Sale(), 50, Start);
        var (_, second) = line.Lease(Sale(), 50, Start);
        Assert.Equal((1, 50, 51, 100), (first.From, first.To, second.From, second.To));
    }

    [Fact]
    public void Admission_moves_one_batch_per_interval_and_never_past_the_last_ticket()
    {
        var line = LineWith(25, Start.AddSeconds(-5));
        line = line.Admit(Sale(), available: 100, Start.AddSeconds(2.5));
        Assert.Equal(20, line.AdmittedThrough);
        line = line.Admit(Sale(), available: 100, Start.AddSeconds(10));
        Assert.Equal(25, line.AdmittedThrough);
    }

    [Fact]
    public void Nothing_is_admitted_before_the_start_or_while_nothing_is_available_and_paused_time_is_not_banked()
    {
        var line = LineWith(100, Start.AddSeconds(-5)).Admit(Sale(), 100, Start.AddSeconds(-1));
        Assert.Equal(0, line.AdmittedThrough);
        line = line.Admit(Sale(), available: 0, Start.AddSeconds(5));
        Assert.Equal(0, line.AdmittedThrough);
        line = line.Admit(Sale(), available: 3, Start.AddSeconds(6));
        Assert.Equal(10, line.AdmittedThrough);
    }

    [Fact]
    public void Admissions_expire_after_the_window()
    {
        var line = LineWith(100, Start).Admit(Sale(), 100, Start.AddSeconds(1));
        Assert.Equal(Start.AddSeconds(1), line.AdmittedAt(5));
        line = line.Admit(Sale(), 100, Start.AddSeconds(31));
        Assert.Null(line.AdmittedAt(5));
        Assert.Equal(10, line.ExpiredThrough);
        var standing = QueueStanding.Of(Sale(), line, 50, 0, ticket: 5, Start.AddSeconds(31));
        Assert.Equal(QueueState.Expired, standing.State);
    }

    [Fact]
    public void A_shuffled_pre_queue_has_no_positions_until_the_start_then_a_permutation()
    {
        var sale = Sale(QueueMode.Shuffled);
        var line = LineWith(30, Start.AddSeconds(-10), sale);
        Assert.Null(line.PositionOf(sale, 7));
        line = line.Admit(sale, 100, Start);
        var positions = Enumerable.Range(1, 30).Select(ticket => line.PositionOf(sale, ticket)!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(p => (long)p), positions.Order());
        Assert.NotEqual(Enumerable.Range(1, 30).Select(p => (long)p), positions);
        var (after, lease) = line.Lease(sale, 5, Start.AddSeconds(1));
        Assert.Equal(31, after.PositionOf(sale, lease.From));
    }

    [Fact]
    public void Standing_reports_waiting_with_an_estimate_then_admitted_then_sold_out()
    {
        var sale = Sale();
        var line = LineWith(100, Start).Admit(sale, 100, Start.AddSeconds(1));
        var waiting = QueueStanding.Of(sale, line, 50, 0, ticket: 35, Start.AddSeconds(1));
        Assert.Equal((QueueState.Waiting, 24L), (waiting.State, waiting.Ahead!.Value));
        Assert.Equal(2.5, waiting.EstimatedWaitSeconds!.Value, 3);
        var admitted = QueueStanding.Of(sale, line, 50, 0, ticket: 3, Start.AddSeconds(1));
        Assert.Equal(QueueState.Admitted, admitted.State);
        Assert.Equal(Start.AddSeconds(31), admitted.AdmissionExpiresAt);
        var soldOut = QueueStanding.Of(sale, line, 0, 2, ticket: 35, Start.AddSeconds(1));
        Assert.Equal((QueueState.SoldOut, true), (soldOut.State, soldOut.MayReopen));
        Assert.False(QueueStanding.Of(sale, line, 0, 0, ticket: 35, Start.AddSeconds(1)).MayReopen);
    }
}
