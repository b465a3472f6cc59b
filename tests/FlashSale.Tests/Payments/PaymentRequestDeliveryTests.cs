using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.FlashSale.Tests.Functional;
using AmazonScale.Payments.Events;

namespace AmazonScale.FlashSale.Tests.Payments;

/// <summary>payments' bulkSubscribe route as the sidecar calls it: a status per entry, and a verdict written once per payment.</summary>
[Collection(StackCollection.Name)]
public sealed class PaymentRequestDeliveryTests(StackFixture fixture)
{
    [Fact]
    public async Task A_bulk_delivery_answers_each_entry_and_a_redelivered_payment_keeps_its_first_verdict()
    {
        var payments = fixture.Stack.Payments.Client;
        var declined = new PaymentRequested("bulk-1", "no-such-sale", "0-r1", "ann", 10m, "EUR", "sandbox_declined");

        var first = await BulkDelivery.PostAsync(payments, "events/payment-requested", nameof(PaymentRequested), declined, null);
        Assert.Equal(("SUCCESS", "DROP"), (first["entry-0"], first["entry-1"]));

        // Redelivered (now claiming a card that pays) next to a new payment: the first verdict stands.
        var second = await BulkDelivery.PostAsync(payments, "events/payment-requested", nameof(PaymentRequested),
            declined with { Method = "sandbox_ok" }, declined with { PaymentId = "bulk-2", Method = "sandbox_ok" });
        Assert.Equal(("SUCCESS", "SUCCESS"), (second["entry-0"], second["entry-1"]));
        Assert.Equal("declined", await OutcomeAsync(payments, "bulk-1"));
        Assert.Equal("succeeded", await OutcomeAsync(payments, "bulk-2"));
    }

    private static async Task<string?> OutcomeAsync(HttpClient payments, string paymentId) =>
        (await payments.GetFromJsonAsync<JsonElement>($"api/v1/payments/{paymentId}")).GetProperty("payment").GetProperty("outcome").GetString();
}
