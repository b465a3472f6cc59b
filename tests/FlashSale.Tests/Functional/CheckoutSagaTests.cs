using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Events;
using AmazonScale.FlashSale.Queue;
using AmazonScale.FlashSale.Sales;
using AmazonScale.TestSupport;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>The whole path through the real services: queue → admission → reservation → payment saga.</summary>
[Collection(StackCollection.Name)]
public sealed class CheckoutSagaTests(StackFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SaleStack _stack = fixture.Stack;

    [Fact]
    public async Task A_customer_joins_is_admitted_reserves_pays_and_the_unit_is_sold()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "happy", sku = "console", units = 10, price = 499.99m, admission_batch_size = 5, admission_interval_seconds = 0.1 });
        var shopper = _stack.NewShopper("alice");

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

        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((9, 1, 0), (status.Available, status.Reserved, status.Sold));

        var checkout = await shopper.CheckoutAsync(sale.Id, reserved.Body.ReservationToken);
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        var outcome = await shopper.WaitForOutcomeAsync(sale.Id, reserved.Body.ReservationToken, Patience);
        Assert.Equal(ReservationStatus.Sold, outcome.Status);
        var repeated = await shopper.CheckoutAsync(sale.Id, reserved.Body.ReservationToken);
        Assert.Equal(HttpStatusCode.OK, repeated.Status);

        status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((9, 0, 1), (status.Available, status.Reserved, status.Sold));
        Assert.True(status.InvariantHolds);
        var limit = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        Assert.Equal(HttpStatusCode.Conflict, limit.Status);
        Assert.True((await _stack.AuditAsync(sale.Id)).Consistent);
    }

    [Fact]
    public async Task A_declined_payment_releases_the_unit_and_the_customer_may_try_again()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "declined", sku = "tv", units = 1, price = 10m, admission_interval_seconds = 0.1 });
        var (shopper, reservation) = await _stack.ReserveAsync(sale.Id, "bob");

        var checkout = await shopper.CheckoutAsync(sale.Id, reservation.ReservationToken, "sandbox_declined");
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        var outcome = await shopper.WaitForOutcomeAsync(sale.Id, reservation.ReservationToken, Patience);
        Assert.Equal((ReservationStatus.Released, "payment_failed"), (outcome.Status, outcome.ReleaseReason));

        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((1, 0, 0, true), (status.Available, status.Reserved, status.Sold, status.InvariantHolds));
        var gone = await shopper.CheckoutAsync(sale.Id, reservation.ReservationToken);
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.True((await _stack.AuditAsync(sale.Id)).Consistent);
    }

    [Fact]
    public async Task An_unanswered_payment_ends_with_the_reservation_expiring_and_a_late_success_is_refunded_not_sold()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "late", sku = "tv", units = 2, price = 25m, reservation_ttl_seconds = 2, admission_interval_seconds = 0.1 });
        var (shopper, reservation) = await _stack.ReserveAsync(sale.Id, "carol");
        var checkout = await shopper.CheckoutAsync(sale.Id, reservation.ReservationToken, "sandbox_no_answer");
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);

        var expired = await shopper.WaitForOutcomeAsync(sale.Id, reservation.ReservationToken, Patience);
        Assert.Equal((ReservationStatus.Released, "expired"), (expired.Status, expired.ReleaseReason));

        // The provider finally answers "paid" (twice: a redelivery): nothing is sold, one refund is recorded.
        var late = new PaymentCompleted(checkout.Body!.PaymentId, sale.Id, reservation.ReservationId, Succeeded: true, Reason: null);
        await DeliverAsync(late);
        await DeliverAsync(late);
        var payments = _stack.Payments.CreateClient();
        var refund = await Poll.UntilAsync(
            async () => await payments.GetFromJsonAsync<JsonElement>($"api/v1/payments/{checkout.Body.PaymentId}"),
            payment => payment.GetProperty("refund").ValueKind == JsonValueKind.Object,
            Patience,
            "the refund");
        Assert.Equal(25m, refund.GetProperty("refund").GetProperty("amount").GetDecimal());

        var after = await shopper.ReservationAsync(sale.Id, reservation.ReservationToken);
        Assert.True(after.Body!.RefundRequested);
        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((2, 0, 0, true), (status.Available, status.Reserved, status.Sold, status.InvariantHolds));
        var audit = await _stack.AuditAsync(sale.Id);
        Assert.True(audit.Consistent);
        Assert.Equal(1, audit.Shards.Sum(shard => shard.Ledger.RefundsRequested));
    }

    [Fact]
    public async Task A_redelivered_payment_success_sells_the_unit_once()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "redelivery", sku = "tv", units = 3, price = 5m, admission_interval_seconds = 0.1 });
        var (shopper, reservation) = await _stack.ReserveAsync(sale.Id, "dave");
        var checkout = await shopper.CheckoutAsync(sale.Id, reservation.ReservationToken);
        Assert.Equal(ReservationStatus.Sold, (await shopper.WaitForOutcomeAsync(sale.Id, reservation.ReservationToken, Patience)).Status);

        // Redelivered twice in one bulk delivery (once contradicting itself), next to an entry that is no payment answer.
        var again = new PaymentCompleted(checkout.Body!.PaymentId, sale.Id, reservation.ReservationId, Succeeded: true, Reason: null);
        var statuses = await BulkDelivery.PostAsync(_stack.FlashSale.Client, "events/payment-completed", nameof(PaymentCompleted), again, again with { Succeeded = false }, "not a payment");
        Assert.Equal(["SUCCESS", "SUCCESS", "DROP"], statuses.OrderBy(status => status.Key, StringComparer.Ordinal).Select(status => status.Value));

        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((2, 0, 1, true), (status.Available, status.Reserved, status.Sold, status.InvariantHolds));
        Assert.True((await _stack.AuditAsync(sale.Id)).Consistent);
    }

    /// <summary>A full bulk delivery is far above the API's request body limit; answers naming no known sale are acknowledged.</summary>
    [Fact]
    public async Task A_full_bulk_delivery_of_answers_is_read_and_every_entry_acknowledged()
    {
        var answers = Enumerable.Range(0, PaymentEvents.AnswersPerDelivery)
            .Select(i => (object?)new PaymentCompleted($"unknown-{i}", "no-such-sale", $"0-r{i}", Succeeded: true, Reason: null)).ToArray();

        var statuses = await BulkDelivery.PostAsync(_stack.FlashSale.Client, "events/payment-completed", nameof(PaymentCompleted), answers);

        Assert.Equal(PaymentEvents.AnswersPerDelivery, statuses.Count);
        Assert.All(statuses.Values, status => Assert.Equal("SUCCESS", status));
    }

    /// <summary>
    /// The per-customer limit without a customer actor: one customer's reserves race each other through the ETag-guarded
    /// customer record and the shards' void markers, and still end with exactly one reservation.
    /// </summary>
    [Fact]
    public async Task Concurrent_reserves_of_one_customer_end_with_one_reservation_and_every_success_names_it()
    {
        var (sale, shopper, turn) = await AdmittedAsync(new { id = "duplicates", sku = "console", units = 20, price = 5m, shards = 4, admission_interval_seconds = 0.1 }, "eve");

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

    /// <summary>
    /// Reserves skip shards last seen empty; a retry must still find the customer's attempt in the shard that attempt
    /// emptied, and hand it back instead of taking a unit from another shard.
    /// </summary>
    [Fact]
    public async Task A_retry_after_the_customers_unit_emptied_its_shard_returns_that_reservation_not_a_second_unit()
    {
        var (sale, shopper, turn) = await AdmittedAsync(new { id = "emptied", sku = "console", units = 2, price = 5m, shards = 2, admission_interval_seconds = 0.1 }, "fay");

        var first = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);
        var retried = await shopper.ReserveAsync(sale.Id, turn.AdmissionToken);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.Status, retried.Status));
        Assert.Equal(first.Body!.ReservationId, retried.Body!.ReservationId);
        var status = await _stack.StatusAsync(sale.Id);
        Assert.Equal((1, 1), (status.Available, status.Reserved));
    }

    /// <summary>A new sale and one customer who joined its queue and was admitted.</summary>
    private async Task<(SaleStatusResponse Sale, Shopper Shopper, QueueStatusResponse Turn)> AdmittedAsync(object sale, string customerId)
    {
        var created = await _stack.CreateSaleAsync(sale);
        var shopper = _stack.NewShopper(customerId);
        var joined = await shopper.JoinAsync(created.Id);
        return (created, shopper, await shopper.WaitForTurnAsync(created.Id, joined.Body!.QueueToken, Patience));
    }

    /// <summary>Delivers an event as the sidecar does (a bulk delivery of one); returns once it was handled.</summary>
    private async Task DeliverAsync(PaymentCompleted payment)
    {
        var statuses = await BulkDelivery.PostAsync(_stack.FlashSale.Client, "events/payment-completed", nameof(PaymentCompleted), payment);
        Assert.Equal("SUCCESS", Assert.Single(statuses).Value);
    }
}
