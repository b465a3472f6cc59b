using System.Net.Http.Json;
using AmazonScale.FlashSale.Reservations;
using System.Text.Json;
using AmazonScale.FlashSale.Sales;
using AmazonScale.Payments;
using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// flash-sale and payments as deployed, each on a free port behind its own in-process sidecar, on the machine-wide
/// in-memory pub/sub. State (also the actor store, with reminders) is in-memory here: these tests are about behaviour
/// and concurrency; the crash tests use SQLite, where state and reminders survive a kill -9.
/// </summary>
public sealed class SaleStack : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly ResourcesFolder _resources;

    private SaleStack(ResourcesFolder resources, ServiceUnderTest<FlashSaleOptions> flashSale, ServiceUnderTest<PaymentsOptions> payments)
    {
        _resources = resources;
        FlashSale = flashSale;
        Payments = payments;
        Admin = flashSale.CreateClient(("X-Admin-Key", AdminKey), ("User-Agent", Functional.Shopper.BrowserUserAgent));
    }

    public ServiceUnderTest<FlashSaleOptions> FlashSale { get; }

    public ServiceUnderTest<PaymentsOptions> Payments { get; }

    public HttpClient Admin { get; }

    public static ResourcesFolder Components(ResourcesFolder resources, bool durable) => resources
        .Write("statestore.yaml", durable
            ? ComponentYaml.SqliteState(DaprComponents.StateStore, Path.Combine(resources.Root, "state.db"))
            : ComponentYaml.Create(DaprComponents.StateStore, "state.in-memory", ("actorStateStore", "true")))
        .Write("pubsub.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.PubSub));

    /// <param name="botDefence">
    /// On with small limits (2 joins per customer per minute; a network's joins need a challenge after 8 per minute, are
    /// refused after 30) and 8-bit challenges; off otherwise.
    /// </param>
    public static Dictionary<string, string?> FlashSaleSettings(bool botDefence = false) => new()
    {
        ["FlashSale:AdminKey"] = AdminKey,
        ["FlashSale:TokenSigningKey"] = SigningKey,
        ["FlashSale:MonitorInterval"] = "00:00:00.100",
        ["FlashSale:BotDefence:Enabled"] = botDefence ? "true" : "false",
        ["FlashSale:BotDefence:PerCustomerLimit"] = "2",
        ["FlashSale:BotDefence:Window"] = "00:01:00",
        ["FlashSale:BotDefence:ChallengeDifficultyBits"] = "8",
        ["FlashSale:BotDefence:NetworkChallengeThreshold"] = "8",
        ["FlashSale:BotDefence:PerNetworkLimit"] = "30",
    };

    public static async Task<SaleStack> StartAsync(double paymentFailureRate = 0, string paymentLatency = "00:00:00.020", bool botDefence = false)
    {
        var resources = Components(new ResourcesFolder(), durable: false);
        var payments = await ServiceUnderTest<PaymentsOptions>.StartAsync("payments", resources, new Dictionary<string, string?>
        {
            ["Payments:FailureRate"] = paymentFailureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Payments:Latency"] = paymentLatency,
            ["Payments:LatencyJitter"] = "00:00:00",
        });
        var flashSale = await ServiceUnderTest<FlashSaleOptions>.StartAsync("flash-sale", resources, FlashSaleSettings(botDefence));
        return new SaleStack(resources, flashSale, payments);
    }

    /// <param name="http">A client to share (many simulated customers); a new one with a browser user agent when omitted.</param>
    public Shopper NewShopper(string customerId, string? ip = null, HttpClient? http = null) => new(http ?? FlashSale.CreateClient(Headers(ip)), customerId);

    public async Task<SaleStatusResponse> CreateSaleAsync(object definition)
    {
        using var response = await Admin.PostAsJsonAsync("api/v1/sales", definition, Json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<SaleStatusResponse>(body, Json)!;
    }

    /// <summary>A new customer joins, waits for admission and reserves one unit.</summary>
    public async Task<(Shopper Shopper, ReservationResponse Reservation)> ReserveAsync(string saleId, string customerId)
    {
        var shopper = NewShopper(customerId);
        return (shopper, await shopper.JoinAndReserveAsync(saleId));
    }

    public async Task<SaleStatusResponse> StatusAsync(string saleId) =>
        (await Admin.GetFromJsonAsync<SaleStatusResponse>($"api/v1/sales/{saleId}", Json))!;

    public async Task<SaleAuditResponse> AuditAsync(string saleId) =>
        (await Admin.GetFromJsonAsync<SaleAuditResponse>($"api/v1/sales/{saleId}/audit", Json))!;

    public async ValueTask DisposeAsync()
    {
        await FlashSale.DisposeAsync();
        await Payments.DisposeAsync();
        _resources.Dispose();
    }

    private static (string, string)[] Headers(string? ip) =>
        ip is null ? [("User-Agent", Shopper.BrowserUserAgent)] : [("User-Agent", Shopper.BrowserUserAgent), ("X-Forwarded-For", ip)];
}
