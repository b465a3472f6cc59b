using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.Payments.Events;

namespace AmazonScale.Payments;

public static class PaymentsServiceExtensions
{
    /// <summary>The payment provider SIMULATOR (sandbox): configurable latency and failure rate, no real payments.</summary>
    public static WebApplicationBuilder AddPaymentsSandbox(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PaymentsOptions.Section).Get<PaymentsOptions>() ?? new PaymentsOptions();
        if (options.FailureRate is < 0 or > 1 || options.LatencyJitter > options.Latency)
        {
            throw new InvalidOperationException("Payments:FailureRate must be 0-1 and Payments:LatencyJitter at most Payments:Latency.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PaymentLedger>();
        builder.Services.AddSingleton<IVerdictLedger>(provider => provider.GetRequiredService<PaymentLedger>());
        builder.Services.AddSingleton<SagaPublisher>();
        builder.Services.AddSingleton<IPaymentAnswers>(provider => provider.GetRequiredService<SagaPublisher>());
        builder.Services.AddSingleton<SandboxProcessor>();
        builder.Services.AddSingleton<PaymentsMetrics>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }
}
