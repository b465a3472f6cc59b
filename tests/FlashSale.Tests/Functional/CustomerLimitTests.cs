using System.Net;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// The per-customer limit without a customer actor: one customer's reserves race each other through the ETag-guarded
/// customer record and the shards' void markers, and still end with exactly one reservation.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CustomerLimitTests(StackFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SaleStack _stack = fixture.Stack;

    [Fact]
    public async Task Concurrent_reserves_of_one_customer_end_with_one_reservation_and_every_success_names_it()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "duplicates", sku = "console", units = 20, price = 5m, shards = 4, admission_interval_seconds = 0.1 });
        var shopper = _stack.NewShopper("eve");
        var joined = await shopper.JoinAsync(sale.Id);
        var turn = await shopper.WaitForTurnAsync(sale.Id, joined.Body!.QueueToken, Patience);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => shopper.ReserveAsync(sale.Id, turn.AdmissionToken)));

        // A request whose attempt another one voided may answer sold out; none may fail, and every success names the one reservation.
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var named = answers.Where(answer => answer.Status is HttpStatusCode.Created or HttpStatusCode.OK).Select(answer => answer.Body!.ReservationId).Distinct().ToList();
        var held = (await _stack.AuditAsync(sale.Id)).Shards.SelectMany(shard => shard.Reservations).Where(reservation => reservation.Status == ReservationStatus.Reserved).ToList();
        Assert.Single(held);
        var retried = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(named.DefaultIfEmpty(retried.Body!.ReservationId).Single(), retried.Body!.ReservationId);
        Assert.EndsWith(held[0].Id, retried.Body.ReservationId, StringComparison.Ordinal);
        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((19, 1), (status.Available, status.Reserved));
    }
}
