using System.Net;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>The whole path through the real services: queue → admission → reservation → payment saga.</summary>
public sealed class CheckoutSagaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_customer_joins_is_admitted_reserves_pays_and_the_unit_is_sold()
    {
        await using var stack = await SaleStack.StartAsync();
        var sale = await stack.CreateSaleAsync(new { id = "happy", sku = "console", units = 10, price = 499.99m, admission_batch_size = 5, admission_interval_seconds = 0.1 });
        var shopper = stack.NewShopper("alice");

        var joined = await shopper.JoinAsync(sale.Id);
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        var again = await shopper.JoinAsync(sale.Id);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(joined.Body!.Ticket, again.Body!.Ticket);

        var turn = await shopper.WaitForTurnAsync(sale.Id, joined.Body.QueueToken, Patience);
        Assert.Equal(QueueState.Admitted, turn.State);
        var reserved = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        var retried = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(reserved.Body!.ReservationId, retried.Body!.ReservationId);

        var status = await stack.StatusAsync(sale.Id);
        Assert.Equal((9, 1, 0), (status.Available, status.Reserved, status.Sold));

        var checkout = await shopper.CheckoutAsync(sale.Id, reserved.Body.ReservationToken);
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        var outcome = await shopper.WaitForOutcomeAsync(sale.Id, reserved.Body.ReservationToken, Patience);
        Assert.Equal(ReservationStatus.Sold, outcome.Status);

        status = await stack.StatusAsync(sale.Id);
        Assert.Equal((9, 0, 1), (status.Available, status.Reserved, status.Sold));
        Assert.True(status.InvariantHolds);
        var limit = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        Assert.Equal(HttpStatusCode.Conflict, limit.Status);
        Assert.True((await stack.AuditAsync(sale.Id)).Consistent);
    }
}
