using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Reservations;
using AmazonScale.FlashSale.Sales;
using AmazonScale.TestSupport;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// A saga message really lost: the sidecar holding it is killed with -9 (pubsub.in-memory keeps messages only in the
/// sidecar that delivers them, and drops what is published while no instance of the subscriber is alive). The
/// reservation is then stuck in "paying" until the shard's outbox sends the request again or reconciliation asks payments
/// directly; it must end as the provider decided, before it would have expired (60 s), exactly once — and a late delivery
/// of the answer changes nothing.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ReconciliationTests(CrashStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The request owed by checkout stays owed until a verdict: the shard's sweep sends it again, and payments decides once.</summary>
    [Fact]
    public async Task A_payment_request_lost_with_the_payments_sidecar_is_sent_again_by_the_shard_and_settled_once()
    {
        var (shopper, reservation, checkout) = await CheckOutWhilePaymentsIsDownAsync("lost_request", "erin");
        // The sidecar holding the request (retrying delivery to the dead app) dies with it.
        stack.Payments.KillSidecar();
        await stack.Payments.RestartAsync();

        var outcome = await shopper.WaitForOutcomeAsync("lost_request", reservation.ReservationToken, Patience);
        var decided = (await PaymentAsync(checkout.PaymentId)).GetProperty("payment").GetProperty("outcome").GetString();
        Assert.Equal(decided == "succeeded" ? (ReservationStatus.Sold, null) : (ReservationStatus.Released, "payment_failed"), (outcome.Status, outcome.ReleaseReason));
        await WaitUntilAnsweredAsync("lost_request");
        await AssertSettledOnceAsync("lost_request", units: 2, sold: decided == "succeeded" ? 1 : 0);
    }

    /// <summary>Nobody receives the request (payments and its sidecar are down) until the reservation is over: the payment is voided, never charged.</summary>
    [Fact]
    public async Task A_payment_request_that_reaches_nobody_before_the_reservation_expires_is_voided_and_the_unit_released_once()
    {
        var (shopper, reservation) = await ReserveAsync("never_sent", "ivan", ttlSeconds: 3);
        stack.Payments.KillApp();
        stack.Payments.KillSidecar();
        var checkout = await shopper.CheckoutAsync("never_sent", reservation.ReservationToken);
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        var outcome = await shopper.WaitForOutcomeAsync("never_sent", reservation.ReservationToken, Patience);
        Assert.Equal((ReservationStatus.Released, "expired"), (outcome.Status, outcome.ReleaseReason));
        await stack.Payments.RestartAsync();

        var payment = await PaymentAsync(checkout.Body!.PaymentId);
        Assert.Equal("voided", payment.GetProperty("payment").GetProperty("outcome").GetString());
        await WaitUntilAnsweredAsync("never_sent");
        // A retried checkout is refused: the reservation is over, and the voided payment can never be charged.
        Assert.Equal(HttpStatusCode.Gone, (await shopper.CheckoutAsync("never_sent", reservation.ReservationToken)).Status);
        await AssertSettledOnceAsync("never_sent", units: 2, sold: 0);
    }

    [Fact]
    public async Task A_payment_answer_lost_with_the_flash_sale_sidecar_is_reconciled_and_applied_once()
    {
        var (shopper, reservation, checkout) = await CheckOutWhilePaymentsIsDownAsync("lost_answer", "frank");
        // The request is known to have gone out (its outbox mark cleared, as the sweep's send clears it), so the shard
        // does not send it again (a second request's answer could arrive later and heal the loss) and only reconciles.
        var sent = await ApplyInShardAsync("lost_answer", reservation.ReservationId, id => new ShardCommand(ShardOperation.FollowUpPublished, id));
        Assert.Equal((ReservationStatus.Paying, false), (sent.Reservation!.Status, sent.Reservation.FollowUpDue));
        // flash-sale is down when payments (back now, its sidecar redelivering the request) answers: the answer has no
        // live subscriber and is dropped.
        stack.FlashSale.KillApp();
        stack.FlashSale.KillSidecar();
        await stack.Payments.RestartAsync();
        var paymentId = checkout.PaymentId;
        var payment = await PaymentAsync(paymentId);
        await stack.FlashSale.RestartAsync();

        var outcome = await shopper.WaitForOutcomeAsync("lost_answer", reservation.ReservationToken, Patience);
        var succeeded = payment.GetProperty("payment").GetProperty("outcome").GetString() == "succeeded";
        Assert.Equal(succeeded ? ReservationStatus.Sold : ReservationStatus.Released, outcome.Status);
        // Logged once the follow-up event is out too, which may be just after the customer sees the outcome.
        await Poll.UntilAsync(
            () => Task.FromResult(stack.FlashSale.AppOutput),
            output => output.Contains($"Reconciled payment of reservation {reservation.ReservationId}", StringComparison.Ordinal),
            Patience,
            "the reconciliation logged");

        // The answer arrives after all (a late redelivery): applied once already, it changes nothing.
        await DeliverLateAnswerAsync(paymentId, reservation.ReservationId, succeeded);
        await AssertSettledOnceAsync("lost_answer", units: 2, sold: succeeded ? 1 : 0);
    }

    [Fact]
    public async Task A_payment_that_never_gets_a_verdict_is_asked_about_while_the_reservation_lasts_and_then_closed_as_unpaid()
    {
        var (shopper, reservation) = await ReserveAsync("no_verdict", "gina", ttlSeconds: 4);
        var checkout = await shopper.CheckoutAsync("no_verdict", reservation.ReservationToken, "sandbox_no_answer");
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);

        var outcome = await shopper.WaitForOutcomeAsync("no_verdict", reservation.ReservationToken, Patience);
        Assert.Equal((ReservationStatus.Released, "expired"), (outcome.Status, outcome.ReleaseReason));
        Assert.Equal("no_answer", (await PaymentAsync(checkout.Body!.PaymentId)).GetProperty("payment").GetProperty("outcome").GetString());
        await WaitUntilAnsweredAsync("no_verdict");
        await AssertSettledOnceAsync("no_verdict", units: 2, sold: 0);
    }

    private Task WaitUntilAnsweredAsync(string saleId) =>
        WaitForAuditAsync(saleId, reservation => !reservation.AwaitsPaymentAnswer, "the unanswered payment closed by reconciliation");

    /// <summary>Polls the sale's audit until every reservation of it satisfies <paramref name="condition"/>.</summary>
    private async Task WaitForAuditAsync(string saleId, Func<ShardReservation, bool> condition, string what)
    {
        using var admin = stack.FlashSale.CreateClient(("X-Admin-Key", SaleStack.AdminKey));
        await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<SaleAuditResponse>($"api/v1/sales/{saleId}/audit", SaleStack.Json))!,
            audit => audit.Shards.SelectMany(shard => shard.Reservations).All(condition),
            Patience,
            what);
    }

    /// <summary>
    /// The outbox of checkout: the shard marks the reservation paying with its request owed, in a call the test makes
    /// through the sidecar exactly as the service's batch does; the caller then dies before sending the request (the
    /// flash-sale process and its sidecar are killed with -9). After the restart the shard's sweep sends the request with
    /// the method asked for (declined here), payments decides once, and the saga ends as it would have.
    /// </summary>
    [Fact]
    public async Task A_payment_request_owed_by_a_shard_whose_caller_died_before_sending_it_is_sent_after_a_kill_and_restart()
    {
        var (shopper, reservation) = await ReserveAsync("owed_request", "jack", ttlSeconds: 60);
        var owed = await ApplyInShardAsync("owed_request", reservation.ReservationId,
            id => new ShardCommand(ShardOperation.BeginCheckout, id, PaymentMethod: "sandbox_declined"));
        Assert.Equal(CheckoutOutcome.PaymentRequested, owed.CheckedOut);
        Assert.True(owed.Reservation!.FollowUpDue);
        stack.FlashSale.KillApp();
        stack.FlashSale.KillSidecar();
        await stack.FlashSale.RestartAsync();

        var payment = await PaymentAsync(PaymentId.For("owed_request", reservation.ReservationId));
        Assert.Equal("declined", payment.GetProperty("payment").GetProperty("outcome").GetString());
        var outcome = await shopper.WaitForOutcomeAsync("owed_request", reservation.ReservationToken, Patience);
        Assert.Equal((ReservationStatus.Released, "payment_failed"), (outcome.Status, outcome.ReleaseReason));
        await WaitForAuditAsync("owed_request", r => !r.FollowUpDue, "the release published and its outbox mark cleared");
        await AssertSettledOnceAsync("owed_request", units: 2, sold: 0);
    }

    /// <summary>
    /// The outbox: a late success is applied in the shard (refund owed) by an instance that dies before publishing the
    /// event (the test makes that call through the sidecar exactly as the service's batch does, then publishes nothing),
    /// and the flash-sale process and its sidecar are killed with -9. The owed RefundRequested is stored with the state
    /// change, so after the restart the shard's sweep publishes it and payments records the refund, once.
    /// </summary>
    [Fact]
    public async Task A_refund_owed_by_a_shard_whose_caller_died_before_publishing_is_published_after_a_kill_and_restart()
    {
        var (shopper, reservation) = await ReserveAsync("owed_refund", "hana", ttlSeconds: 3);
        var checkout = await shopper.CheckoutAsync("owed_refund", reservation.ReservationToken, "sandbox_no_answer");
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        // Expired, and closed as unpaid by reconciliation (this provider never answers by itself).
        await WaitUntilAnsweredAsync("owed_refund");

        var owed = await ApplyInShardAsync("owed_refund", reservation.ReservationId, id => new ShardCommand(ShardOperation.PaymentSucceeded, id));
        Assert.Equal(PaymentOutcome.RefundRequired, owed.Paid);
        Assert.True(owed.Reservation!.FollowUpDue);
        stack.FlashSale.KillApp();
        stack.FlashSale.KillSidecar();
        await stack.FlashSale.RestartAsync();

        await PaymentAsync(checkout.Body!.PaymentId, payment => payment.TryGetProperty("refund", out var refund) && refund.ValueKind == JsonValueKind.Object);
        await WaitForAuditAsync("owed_refund", r => !r.FollowUpDue, "the owed event published and its outbox mark cleared");
        await AssertSettledOnceAsync("owed_refund", units: 2, sold: 0, refunds: 1);
    }

    /// <summary>One command applied in the reservation's shard as the service's batch applies it, through the sidecar; nothing is published.</summary>
    private async Task<ShardResult> ApplyInShardAsync(string saleId, string publicReservationId, Func<string, ShardCommand> command)
    {
        Assert.True(PublicReservationId.TryParse(publicReservationId, out var shard, out var id));
        var reply = await new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = $"http://127.0.0.1:{stack.FlashSale.SidecarHttpPort}" })
            .Create(new ActorId(ShardActorId.For(saleId, shard)), nameof(InventoryShardActor))
            .InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), new ShardBatch(1, TimeSpan.FromMinutes(1), [command(id)]));
        return Assert.Single(reply.Results);
    }

    /// <summary>
    /// A customer reserves and checks out while the payments app is down, so the request waits in payments' sidecar,
    /// which keeps retrying.
    /// </summary>
    private async Task<(Shopper Shopper, ReservationResponse Reservation, CheckoutResponse Checkout)> CheckOutWhilePaymentsIsDownAsync(string saleId, string customerId)
    {
        var (shopper, reservation) = await ReserveAsync(saleId, customerId, ttlSeconds: 60);
        stack.Payments.KillApp();
        var checkout = await shopper.CheckoutAsync(saleId, reservation.ReservationToken);
        Assert.Equal(HttpStatusCode.Accepted, checkout.Status);
        return (shopper, reservation, checkout.Body!);
    }

    /// <summary>A new sale of 2 units of which a new customer reserves one.</summary>
    private async Task<(Shopper Shopper, ReservationResponse Reservation)> ReserveAsync(string saleId, string customerId, int ttlSeconds)
    {
        using var admin = stack.FlashSale.CreateClient(("X-Admin-Key", SaleStack.AdminKey));
        using var created = await admin.PostAsJsonAsync("api/v1/sales", new
        {
            id = saleId, sku = "tv", units = 2, price = 30m, reservation_ttl_seconds = ttlSeconds, admission_interval_seconds = 0.1,
        }, SaleStack.Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var shopper = new Shopper(stack.FlashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent)), customerId);
        return (shopper, await shopper.JoinAndReserveAsync(saleId));
    }

    /// <summary>Polls payments until it has a verdict for the payment (the processes may still be starting), and <paramref name="until"/> holds.</summary>
    private async Task<JsonElement> PaymentAsync(string paymentId, Func<JsonElement, bool>? until = null)
    {
        using var payments = stack.Payments.CreateClient();
        return await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await payments.GetAsync($"api/v1/payments/{paymentId}");
                    return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
                }
                catch (HttpRequestException)
                {
                    return default;
                }
            },
            payment => payment.ValueKind == JsonValueKind.Object && (until ?? (_ => true))(payment),
            Patience,
            $"payment {paymentId} decided");
    }

    /// <summary>Delivers PaymentCompleted as the sidecar would (a bulk delivery of one).</summary>
    private async Task DeliverLateAnswerAsync(string paymentId, string reservationId, bool succeeded)
    {
        using var http = stack.FlashSale.CreateClient();
        var statuses = await BulkDelivery.PostAsync(http, "events/payment-completed", "PaymentCompleted",
            new Events.PaymentCompleted(paymentId, "lost_answer", reservationId, succeeded, Reason: null));
        Assert.Equal("SUCCESS", Assert.Single(statuses).Value);
    }

    private async Task AssertSettledOnceAsync(string saleId, int units, int sold, int refunds = 0)
    {
        using var admin = stack.FlashSale.CreateClient(("X-Admin-Key", SaleStack.AdminKey));
        var audit = (await admin.GetFromJsonAsync<SaleAuditResponse>($"api/v1/sales/{saleId}/audit", SaleStack.Json))!;
        Assert.True(audit.Consistent);
        var ledger = audit.Shards.Single(shard => shard.Reservations.Count > 0).Ledger;
        Assert.Equal((units - sold, 0, sold, 1 - sold, 1, refunds), (ledger.Available, ledger.Reserved, ledger.Sold, ledger.Released, ledger.Created, ledger.RefundsRequested));
    }
}
