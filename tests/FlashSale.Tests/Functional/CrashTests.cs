using AmazonScale.FlashSale.Sales;
using AmazonScale.Payments;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;
using System.Net.Http.Json;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// kill -9 of the flash-sale process in the middle of a sale (SQLite state, durable reminders): after a restart the
/// invariant holds, nothing is oversold, and every reservation ended exactly once (sold or released by its reminder).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CrashTests : IAsyncLifetime
{
    private const int Units = 40;
    private readonly ResourcesFolder _resources = SaleStack.Components(new ResourcesFolder(), durable: true);
    private ServiceUnderTest<PaymentsOptions>? _payments;
    private FlashSaleProcess? _flashSale;

    public async Task InitializeAsync()
    {
        _payments = await ServiceUnderTest<PaymentsOptions>.StartAsync("payments", _resources, new Dictionary<string, string?>
        {
            ["Payments:FailureRate"] = "0.2",
            ["Payments:Latency"] = "00:00:00.050",
            ["Payments:LatencyJitter"] = "00:00:00.025",
        });
        _flashSale = await FlashSaleProcess.StartAsync(_resources);
    }

    [Fact]
    public async Task A_killed_instance_restarts_without_overselling_and_every_reservation_ends_exactly_once()
    {
        using var admin = Client(("X-Admin-Key", SaleStack.AdminKey));
        using var created = await admin.PostAsJsonAsync("api/v1/sales", new
        {
            id = "crash", sku = "console", units = Units, price = 1m, shards = 4, reservation_ttl_seconds = 3,
            admission_batch_size = 20, admission_interval_seconds = 0.2, admission_window_seconds = 600,
        }, SaleStack.Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        using var customers = Client(("User-Agent", Shopper.BrowserUserAgent));
        var run = new SaleRun(customers, "crash", TimeSpan.FromSeconds(90));
        // One customer in four never checks out: those reservations must be released by the durable reminder.
        var buying = run.RunAsync(100, parallelism: 24, abandons: index => index % 4 == 0);

        await Poll.UntilAsync(() => Task.FromResult(run.Reservations.Count), count => count >= 10, TimeSpan.FromSeconds(60), "reservations before the crash");
        await _flashSale!.KillAndRestartAsync();
        await buying;

        var settled = await Poll.UntilAsync(
            async () => await admin.GetFromJsonAsync<SaleStatusResponse>("api/v1/sales/crash", SaleStack.Json),
            status => status!.Reserved == 0,
            TimeSpan.FromSeconds(60),
            "every reservation sold or released");
        Assert.True(settled!.InvariantHolds);
        Assert.Equal(Units, settled.Available + settled.Sold);
        run.AssertOutcome((await admin.GetFromJsonAsync<SaleAuditResponse>("api/v1/sales/crash/audit", SaleStack.Json))!, Units);
    }

    public async Task DisposeAsync()
    {
        if (_flashSale is not null)
        {
            await _flashSale.DisposeAsync();
        }
        if (_payments is not null)
        {
            await _payments.DisposeAsync();
        }
        _resources.Dispose();
    }

    private HttpClient Client(params (string Name, string Value)[] headers)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_flashSale!.Port}/") };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }
        return client;
    }
}
