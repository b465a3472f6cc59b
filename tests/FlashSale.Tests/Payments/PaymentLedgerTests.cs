using AmazonScale.FlashSale.Tests.Functional;
using AmazonScale.Payments;
using AmazonScale.Payments.Domain;

namespace AmazonScale.FlashSale.Tests.Payments;

/// <summary>The ledger's batch write through the real sidecar: one transaction when all are new, first write per key wins otherwise.</summary>
[Collection(StackCollection.Name)]
public sealed class PaymentLedgerTests(StackFixture fixture)
{
    [Fact]
    public async Task A_batch_with_an_already_decided_payment_keeps_that_verdict_and_records_the_others()
    {
        using var dapr = fixture.Stack.Payments.Sidecar.CreateClient();
        var ledger = new PaymentLedger(dapr);
        var batch = $"ledger-{Guid.NewGuid():N}";
        var earlier = Record($"{batch}-2", SandboxOutcome.Voided);
        await ledger.RecordPaymentAsync(earlier, CancellationToken.None);

        var fresh = new[] { Record($"{batch}-1", SandboxOutcome.Succeeded), Record($"{batch}-2", SandboxOutcome.Succeeded), Record($"{batch}-3", SandboxOutcome.Declined) };
        var stored = await ledger.RecordPaymentsAsync(fresh, CancellationToken.None);

        Assert.Equal<PaymentRecord?>([fresh[0], earlier, fresh[2]], stored.AsEnumerable());
        Assert.Equal(earlier, await ledger.FindPaymentAsync($"{batch}-2", CancellationToken.None));
        Assert.Equal(fresh[2], await ledger.FindPaymentAsync($"{batch}-3", CancellationToken.None));

        // All new: one transaction; a second attempt changes nothing.
        var again = await ledger.RecordPaymentsAsync([Record($"{batch}-1", SandboxOutcome.Declined)], CancellationToken.None);
        Assert.Equal(fresh[0], Assert.Single(again));
    }

    private static PaymentRecord Record(string paymentId, SandboxOutcome outcome) =>
        new(paymentId, "sale", "0-r1", 10m, "EUR", outcome, null, DateTimeOffset.UnixEpoch);
}
