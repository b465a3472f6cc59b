using System.Net;
using System.Text.Json;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Queue;
using AmazonScale.TestSupport;

namespace AmazonScale.FlashSale.Tests.Functional;

[Collection(StackCollection.Name)]
public sealed class QueueTests(StackFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SaleStack _stack = fixture.Stack;

    [Fact]
    public async Task The_queue_says_sold_out_while_everything_is_reserved_reopens_when_reservations_expire_and_closes_for_good_when_sold()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "reopen", sku = "gpu", units = 2, price = 1m, shards = 2, reservation_ttl_seconds = 2, admission_interval_seconds = 0.1 });
        await _stack.ReserveAsync(sale.Id, "a1");
        await _stack.ReserveAsync(sale.Id, "a2");

        var late = _stack.NewShopper("a3");
        var joined = await late.JoinAsync(sale.Id);
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        var paused = await Poll.UntilAsync(() => late.QueueStatusAsync(sale.Id, joined.Body!.QueueToken), s => s.Body?.State == QueueState.SoldOut, Patience, "sold out");
        Assert.True(paused.Body!.MayReopen);

        // a1 and a2 never pay: their reservations expire, the units come back and the queue admits again.
        var reopened = await late.WaitForAdmissionAsync(sale.Id, joined.Body!.QueueToken, Patience);
        var reserved = await late.ReserveWhenAvailableAsync(sale.Id, reopened.AdmissionToken!, Patience);
        Assert.True(HttpStatusCode.Created == reserved.Status, reserved.Raw);
        await late.CheckoutAsync(sale.Id, reserved.Body!.ReservationToken);
        var (last, lastReservation) = await _stack.ReserveAsync(sale.Id, "a4");
        await last.CheckoutAsync(sale.Id, lastReservation.ReservationToken);
        await last.WaitForOutcomeAsync(sale.Id, lastReservation.ReservationToken, Patience);
        await late.WaitForOutcomeAsync(sale.Id, reserved.Body.ReservationToken, Patience);

        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((0, 0, 2, true), (status.Available, status.Reserved, status.Sold, status.InvariantHolds));
        var closed = await _stack.NewShopper("a5").JoinAsync(sale.Id);
        Assert.Equal(HttpStatusCode.Conflict, closed.Status);
        Assert.Contains("\"may_reopen\":false", closed.Raw, StringComparison.Ordinal);
        var final = await late.QueueStatusAsync(sale.Id, joined.Body!.QueueToken);
        Assert.Equal((QueueState.SoldOut, false), (final.Body!.State, final.Body.MayReopen));
    }

    [Fact]
    public async Task The_status_streams_as_server_sent_events_until_admitted()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "sse", sku = "gpu", units = 5, price = 1m, starts_at = DateTimeOffset.UtcNow.AddSeconds(5), admission_interval_seconds = 0.1 });
        var shopper = _stack.NewShopper("streamer");
        var joined = await shopper.JoinAsync(sale.Id);

        using var response = await shopper.Http.GetAsync($"api/v1/sales/{sale.Id}/queue/{joined.Body!.QueueToken}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var states = new List<QueueState>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                states.Add(JsonSerializer.Deserialize<QueueStatusResponse>(line["data: ".Length..], SaleStack.Json)!.State);
            }
        }
        Assert.Equal(QueueState.Waiting, states[0]);
        Assert.Equal(QueueState.Admitted, states[^1]);
    }

    [Fact]
    public async Task In_fifo_mode_buyers_follow_queue_order_within_one_admission_batch()
    {
        const int batch = 5;
        var sale = await _stack.CreateSaleAsync(new
        {
            id = "fifo", sku = "gpu", units = 20, price = 1m, shards = 4, starts_at = DateTimeOffset.UtcNow.AddSeconds(2),
            // Two seconds between batches: room for a slow poll on a loaded machine without breaking batch order.
            admission_batch_size = batch, admission_interval_seconds = 2,
        });
        var shoppers = new List<(Shopper Shopper, string Token, long Ticket)>();
        for (var i = 0; i < 40; i++)
        {
            var shopper = _stack.NewShopper($"fifo-{i}");
            var joined = await shopper.JoinAsync(sale.Id);
            shoppers.Add((shopper, joined.Body!.QueueToken, joined.Body.Ticket));
        }
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), shoppers.Select(s => s.Ticket));

        var bought = await Task.WhenAll(shoppers.Select(async s =>
        {
            var turn = await s.Shopper.WaitForTurnAsync(sale.Id, s.Token, Patience);
            return turn.State == QueueState.Admitted && (await s.Shopper.ReserveAsync(sale.Id, turn.AdmissionToken)).Status == HttpStatusCode.Created;
        }));

        var buyers = shoppers.Where((_, i) => bought[i]).Select(s => s.Ticket).ToList();
        var others = shoppers.Where((_, i) => !bought[i]).Select(s => s.Ticket).ToList();
        Assert.Equal(20, buyers.Count);
        Assert.True(buyers.Max() - others.Min() < batch, $"buyers {string.Join(',', buyers)}");
    }

    [Fact]
    public async Task In_shuffled_mode_the_pre_queue_is_drawn_at_the_start_into_a_random_order()
    {
        var sale = await _stack.CreateSaleAsync(new
        {
            id = "shuffled", sku = "gpu", units = 50, price = 1m, queue_mode = "shuffled", starts_at = DateTimeOffset.UtcNow.AddSeconds(8),
            admission_batch_size = 1, admission_interval_seconds = 10,
        });
        // Customers who joined before the start (no position yet) are the pre-queue; a slow machine may let a few in late.
        var joined = new List<(Shopper Shopper, string Token)>();
        for (var i = 0; i < 20; i++)
        {
            var shopper = _stack.NewShopper($"shuffle-{i}");
            var answer = await shopper.JoinAsync(sale.Id);
            if (answer.Body!.Status.Position is null)
            {
                joined.Add((shopper, answer.Body.QueueToken));
            }
        }
        Assert.True(joined.Count >= 10, $"only {joined.Count} joined before the start");

        await Poll.UntilAsync(() => joined[0].Shopper.QueueStatusAsync(sale.Id, joined[0].Token), s => s.Body?.Position is not null, Patience, "the draw");
        var positions = new List<long>();
        foreach (var (shopper, token) in joined)
        {
            positions.Add((await shopper.QueueStatusAsync(sale.Id, token)).Body!.Position!.Value);
        }
        // Distinct places among the tickets issued before the start (the instance leased a block of 50, so the draw
        // covers 50 places; unclaimed ones are skipped by admission), in an order other than joining order. A join in
        // the last snapshot interval before the start may already hold a first post-start ticket (51-100).
        Assert.Equal(joined.Count, positions.Distinct().Count());
        Assert.All(positions, position => Assert.InRange(position, 1, 100));
        Assert.NotEqual(positions.Order(), positions);
    }
}
