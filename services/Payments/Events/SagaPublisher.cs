using System.Text.Json;
using Dapr.Client;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.Payments.Events;

/// <summary>
/// Publishes the simulator's saga events on "pubsub" (topic = type name) in the API's JSON shape (snake_case), which is
/// what the subscribers bind. Payment answers go out in bulk: one sidecar call per batch of answers.
/// </summary>
public sealed class SagaPublisher(DaprClient dapr, IOptions<JsonOptions> json) : IPaymentAnswers
{
    public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(DaprComponents.PubSub, typeof(TEvent).Name, ToJson(integrationEvent), cancellationToken);

    public async Task<bool[]> PublishAsync(IReadOnlyList<PaymentCompleted> answers, CancellationToken cancellationToken) =>
        [.. (await dapr.PublishEachAsync(DaprComponents.PubSub, nameof(PaymentCompleted), [.. answers.Select(ToJson)], cancellationToken)).Select(error => error is null)];

    private JsonElement ToJson<TEvent>(TEvent integrationEvent) => JsonSerializer.SerializeToElement(integrationEvent, json.Value.SerializerOptions);
}
