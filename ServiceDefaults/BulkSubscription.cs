using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The frame of a bulkSubscribe route (dapr-protocol 2.2): reads Dapr's bulk delivery (its camelCase envelope, the
/// SDK's types) whose CloudEvents carry data in the service's own JSON style, hands the events to the service as one
/// batch and answers a status per entry. An entry whose data does not decode reaches the service as null (it decides,
/// typically DROP); a body that is not a bulk delivery is answered 404, which tells Dapr to drop it.
/// </summary>
public static class BulkSubscription
{
    /// <summary>
    /// A delivery's own body limit, above a service's small per-request one (a bulk delivery carries up to its
    /// maxMessagesCount CloudEvents of a few KB each).
    /// </summary>
    public const long MaxDeliveryBytes = 1024 * 1024;

    /// <summary>Dapr's names, and statuses in upper case (SUCCESS, RETRY, DROP), whatever the service's JSON style.</summary>
    private static readonly JsonSerializerOptions EnvelopeOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <param name="eventOptions">How the events' data was written (the publisher's style).</param>
    /// <param name="process">Handles the batch; returns one status per event, in order.</param>
    public static async Task<IResult> HandleAsync<TEvent>(
        HttpRequest request,
        JsonSerializerOptions eventOptions,
        Func<IReadOnlyList<TEvent?>, CancellationToken, Task<BulkSubscribeAppResponseStatus[]>> process,
        CancellationToken cancellationToken) where TEvent : class
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDeliveryBytes;
        }
        BulkSubscribeMessage<JsonElement>? delivery;
        try
        {
            delivery = await request.ReadFromJsonAsync<BulkSubscribeMessage<JsonElement>>(EnvelopeOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            delivery = null;
        }
        if (delivery?.Entries is not { } entries)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a bulk message", detail: "The body is not a bulk pub/sub delivery; dropped.");
        }
        var statuses = await process([.. entries.Select(entry => DataOf<TEvent>(entry.Event, eventOptions))], cancellationToken);
        var answer = new BulkSubscribeAppResponse([.. entries.Select((entry, i) => new BulkSubscribeAppResponseEntry(entry.EntryId, statuses[i]))]);
        return TypedResults.Json(answer, EnvelopeOptions);
    }

    private static TEvent? DataOf<TEvent>(JsonElement cloudEvent, JsonSerializerOptions options) where TEvent : class
    {
        try
        {
            return cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("data", out var data) ? data.Deserialize<TEvent>(options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
