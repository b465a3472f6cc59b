using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// flash-sale and payments, each as a service process next to its own sidecar process, so any of the four can be
/// killed with -9 and restarted. State (also actor state and reminders) is SQLite: it survives every crash.
/// Pub/sub is pubsub.in-memory, which delivers at least once only while both sidecars live: messages a killed
/// sidecar held, or published while no instance of the subscriber was registered, are lost.
/// </summary>
public sealed class CrashStack : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = SaleStack.Components(new ResourcesFolder(), durable: true);

    /// <summary>Short, so that a payment whose answer was lost is reconciled well within a test's patience.</summary>
    public static readonly TimeSpan ReconcileAfter = TimeSpan.FromSeconds(2);

    public ServiceProcess FlashSale { get; private set; } = null!;

    public ServiceProcess Payments { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Payments = await ServiceProcess.StartAsync("payments", "AmazonScale.Payments.dll", _resources, new Dictionary<string, string?>
        {
            ["Payments:FailureRate"] = "0.2",
            ["Payments:Latency"] = "00:00:00.050",
            ["Payments:LatencyJitter"] = "00:00:00.025",
        });
        var settings = SaleStack.FlashSaleSettings();
        settings["FlashSale:PaymentReconcileAfter"] = ReconcileAfter.ToString();
        settings["Logging:LogLevel:AmazonScale.FlashSale.Checkout.PaymentReconciler"] = "Information";
        FlashSale = await ServiceProcess.StartAsync("flash-sale", "AmazonScale.FlashSale.dll", _resources, settings);
    }

    public async Task DisposeAsync()
    {
        if (FlashSale is not null)
        {
            await FlashSale.DisposeAsync();
        }
        if (Payments is not null)
        {
            await Payments.DisposeAsync();
        }
        _resources.Dispose();
    }
}
