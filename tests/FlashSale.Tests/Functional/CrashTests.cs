using System.Net.Http.Json;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using AmazonScale.TestSupport;
using Xunit.Abstractions;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// kill -9 of the flash-sale process, its sidecar, the payments service, or several of them at random moments in the
/// middle of a sale, each restarted. Every observation keeps the invariant; afterwards the audit shows nothing
/// oversold, at most the per-customer limit per customer, and every reservation sold or released exactly once.
/// With pubsub.in-memory a killed sidecar loses the saga messages it held; the reservation then still ends: by the
/// payment reconciliation or by its expiry reminder (durable in SQLite).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CrashTests(CrashStack stack, ITestOutputHelper output)
{
    private const int Units = 20;
    private const int Customers = 50;

    [Fact]
    public Task A_killed_flash_sale_sidecar_restarts_without_overselling_and_every_reservation_ends_exactly_once() =>
        SellThroughCrashesAsync("crash_sidecar", (random, run) => CrashAtRandomMomentAsync(random, run, stack.FlashSale.KillAndRestartSidecarAsync));

    [Fact]
    public Task A_killed_payments_service_restarts_without_overselling_and_every_reservation_ends_exactly_once() =>
        SellThroughCrashesAsync("crash_payments", (random, run) => CrashAtRandomMomentAsync(random, run, async () =>
        {
            await stack.Payments.KillAndRestartAppAsync();
            await stack.Payments.KillAndRestartSidecarAsync();
        }));

    /// <summary>Two crashes of one or two processes each, chosen at random (the seed is printed); the flash-sale process always dies in the first.</summary>
    [Fact]
    public Task Random_kills_of_every_process_mid_sale_never_oversell_and_every_reservation_ends_exactly_once() =>
        SellThroughCrashesAsync("crash_random", async (random, run) =>
        {
            Func<Task>[] victims =
            [
                stack.FlashSale.KillAndRestartAppAsync, stack.FlashSale.KillAndRestartSidecarAsync,
                stack.Payments.KillAndRestartAppAsync, stack.Payments.KillAndRestartSidecarAsync,
            ];
            for (var crash = 0; crash < 2; crash++)
            {
                // Sometimes one process, sometimes two at the same moment (flash-sale and payments together).
                var chosen = victims.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                if (crash == 0 && !chosen.Contains(victims[0]))
                {
                    chosen.Add(victims[0]);
                }
                await CrashAtRandomMomentAsync(random, run, () => Task.WhenAll(chosen.Select(kill => kill())));
            }
        });

    /// <summary>Waits until a random number of further reservations were made (mid-sale), then crashes.</summary>
    private static async Task CrashAtRandomMomentAsync(Random random, SaleRun run, Func<Task> crash)
    {
        var target = run.Reservations.Count + random.Next(3, 12);
        await Poll.UntilAsync(() => Task.FromResult(run.Reservations.Count), count => count >= Math.Min(target, Units), TimeSpan.FromSeconds(60), "reservations before the crash");
        await crash();
    }

    private async Task SellThroughCrashesAsync(string saleId, Func<Random, SaleRun, Task> crashes)
    {
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        using var admin = stack.FlashSale.CreateClient(("X-Admin-Key", SaleStack.AdminKey));
        using var created = await admin.PostAsJsonAsync("api/v1/sales", new
        {
            id = saleId, sku = "console", units = Units, price = 1m, shards = 4, reservation_ttl_seconds = 3,
            admission_batch_size = 20, admission_interval_seconds = 0.2, admission_window_seconds = 600,
        }, SaleStack.Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        using var customers = stack.FlashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent));
        var run = new SaleRun(customers, saleId, TimeSpan.FromSeconds(90));
        using var stop = new CancellationTokenSource();
        var observations = InvariantObserver.ObserveAsync(admin, saleId, Units, stop.Token);
        // One customer in four never checks out: those reservations must be released by the durable reminder.
        var buying = run.RunAsync(Customers, parallelism: 24, abandons: index => index % 4 == 0);
        await crashes(new Random(seed), run);
        await buying;

        var settled = await Poll.UntilAsync(
            () => InvariantObserver.TryReadAsync(admin, saleId),
            status => status is { Reserved: 0 },
            TimeSpan.FromSeconds(60),
            "every reservation sold or released");
        await stop.CancelAsync();
        Assert.True(await observations > 0);
        Assert.True(settled!.InvariantHolds);
        Assert.Equal(Units, settled.Available + settled.Sold);
        // Answers lost with a killed sidecar are reconciled, also for reservations that expired meanwhile.
        var audit = await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<SaleAuditResponse>($"api/v1/sales/{saleId}/audit", SaleStack.Json))!,
            audit => audit.Shards.All(shard => shard.Reservations.All(reservation => !reservation.AwaitsPaymentAnswer && !reservation.FollowUpDue)),
            TimeSpan.FromSeconds(30),
            "every payment's verdict applied and its follow-up event published (outbox drained)");
        run.AssertOutcome(audit, Units);
        await AssertPaymentsAgreeAsync(saleId, audit);
    }

    /// <summary>
    /// Across both services, exactly once: a reservation is sold iff its payment succeeded in time, and a payment that
    /// succeeded for a reservation that was not sold is refunded (asked once).
    /// </summary>
    private async Task AssertPaymentsAgreeAsync(string saleId, SaleAuditResponse audit)
    {
        using var payments = stack.Payments.CreateClient();
        foreach (var shard in audit.Shards)
        {
            foreach (var reservation in shard.Reservations.Where(reservation => reservation.PaymentRequestedAt is not null))
            {
                var paymentId = PaymentId.For(saleId, PublicReservationId.Format(shard.Shard, reservation.Id));
                var payment = await payments.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/payments/{paymentId}");
                var succeeded = payment.GetProperty("payment").GetProperty("outcome").GetString() == "succeeded";
                Assert.True(succeeded == (reservation.Status == ReservationStatus.Sold || reservation.RefundRequested),
                    $"payment {paymentId} {payment} disagrees with reservation {reservation}");
            }
        }
    }
}
