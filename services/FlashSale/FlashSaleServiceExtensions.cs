using System.Security.Cryptography;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.BotDefence;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Events;
using AmazonScale.FlashSale.Queue;
using AmazonScale.FlashSale.Reservations;
using AmazonScale.FlashSale.Sales;
using Dapr.Actors.Runtime;

namespace AmazonScale.FlashSale;

public static class FlashSaleServiceExtensions
{
    private const long MaxRequestBodyBytes = 16 * 1024;
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);

    public static WebApplicationBuilder AddFlashSale(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FlashSaleOptions.Section).Get<FlashSaleOptions>() ?? new FlashSaleOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new AdminKey(options.AdminKey, "FlashSale:AdminKey"));
        services.AddSingleton(options.BotDefence);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SaleTokens(new TokenSigner(SigningKey(options))));
        services.AddSingleton(_ => new ProofOfWork(new TokenSigner(SigningKey(options))));
        services.AddSingleton<FlashSaleMetrics>();
        services.AddSingleton<StateClaims>();
        services.AddSingleton<SaleCatalog>();
        services.AddSingleton<ShardStock>();
        services.AddSingleton<ShardBatches>();
        services.AddSingleton<SaleActors>();
        services.AddSingleton<CustomerReservations>();
        services.AddSingleton<SaleMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<SaleMonitor>());
        services.AddSingleton<QueueTickets>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<SagaFollowUp>();
        services.AddSingleton(PaymentsClient.Create(builder.Configuration, options));
        services.AddSingleton<PaymentVerdicts>();
        services.AddSingleton<PaymentRequests>();
        services.AddSingleton<PaymentReconciler>();
        services.AddSingleton<BotDefenceStats>();
        services.AddSingleton<ClientFlags>();
        services.AddSingleton(RateLimiterClient.Create(builder.Configuration, options.BotDefence));
        services.AddSingleton<RateLimiterGate>();
        services.AddHostedService<RateLimitPolicyProvisioner>();

        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<InventoryShardActor>();
            actors.Actors.RegisterActor<QueueActor>();
            actors.JsonSerializerOptions = ShardJson.ActorOptions();
            actors.UseSidecarFrom(builder.Configuration);
        });

        services.AddOpenApi();
        builder.AddJsonApiConventions(MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// The configured key, or a random one for this process only (fine for one instance: tokens then die with it).
    /// </summary>
    private static byte[] SigningKey(FlashSaleOptions options)
    {
        if (options.TokenSigningKey is not { Length: > 0 } configured)
        {
            return ProcessKey;
        }
        var key = Convert.FromBase64String(configured);
        return key.Length >= 32 ? key : throw new InvalidOperationException("FlashSale:TokenSigningKey must be base64 of at least 32 bytes.");
    }
}
