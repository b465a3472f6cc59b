using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Redirects;
using Dapr;
using Dapr.AspNetCore;
using Dapr.Client;

namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// Pub/sub handlers (advertised on /dapr/subscribe). Event bodies are read with the Dapr client's JSON
/// options, the same ones the publisher wrote them with, independent of the API's snake_case. Visits arrive in
/// bulk (bulkSubscribe): the sidecar collects up to <see cref="VisitBatchSize"/> of them for at most
/// <see cref="VisitBatchWaitMs"/> ms, and the aggregator stores batches with two state calls each (fewer under load).
/// </summary>
public static class EventSubscriptions
{
    /// <summary>Most visits per bulk delivery; the sidecar sends fewer once <see cref="VisitBatchWaitMs"/> has passed.</summary>
    public const int VisitBatchSize = 256;
    public const int VisitBatchWaitMs = 50;

    /// <summary>Tells the sidecar to drop an undecodable event instead of retrying it forever.</summary>
    public sealed record SubscriberStatus(string Status);

    public static IEndpointRouteBuilder MapUrlShortenerEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").ExcludeFromDescription();
        events.MapPost("/url-visited", OnUrlVisited)
            .WithTopic(DaprComponents.PubSub, nameof(UrlVisited))
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = nameof(UrlVisited), MaxMessagesCount = VisitBatchSize, MaxAwaitDurationMs = VisitBatchWaitMs });
        events.MapPost("/url-changed", OnUrlChanged).WithTopic(DaprComponents.Broadcast, nameof(UrlChanged));
        return app;
    }

    /// <summary>
    /// One bulk delivery: each entry is acknowledged on its own — SUCCESS once counted, DROP when it can never be
    /// decoded, RETRY when its document could not be written (the sidecar redelivers only those).
    /// </summary>
    public static async Task<IResult> OnUrlVisited(HttpRequest request, DaprClient dapr, VisitAggregator aggregator, CancellationToken cancellationToken)
    {
        var message = await ReadAsync<BulkSubscribeMessage<JsonElement>>(request, dapr, cancellationToken);
        if (message?.Entries is null)
        {
            // 404 is how a subscriber tells Dapr to drop a delivery that can never succeed.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a bulk message", detail: "The body is not a bulk pub/sub delivery; dropped.");
        }
        var statuses = new Dictionary<string, BulkSubscribeAppResponseStatus>(StringComparer.Ordinal);
        var visits = new List<UrlVisited>(message.Entries.Count);
        var entryOf = new Dictionary<UrlVisited, string>(ReferenceEqualityComparer.Instance);
        foreach (var entry in message.Entries)
        {
            if (Decode(entry.Event, dapr) is { } visit)
            {
                visits.Add(visit);
                entryOf[visit] = entry.EntryId;
                statuses[entry.EntryId] = BulkSubscribeAppResponseStatus.SUCCESS;
            }
            else
            {
                statuses[entry.EntryId] = BulkSubscribeAppResponseStatus.DROP;
            }
        }
        foreach (var failed in await aggregator.ApplyAsync(visits, cancellationToken))
        {
            statuses[entryOf[failed]] = BulkSubscribeAppResponseStatus.RETRY;
        }
        var answer = new BulkSubscribeAppResponse([.. statuses.Select(status => new BulkSubscribeAppResponseEntry(status.Key, status.Value))]);
        return TypedResults.Json(answer, BulkAnswerOptions);
    }

    public static async Task<IResult> OnUrlChanged(HttpRequest request, DaprClient dapr, RedirectCache cache, CancellationToken cancellationToken)
    {
        var change = await ReadAsync<UrlChanged>(request, dapr, cancellationToken);
        if (change?.Code is null)
        {
            return TypedResults.Ok(new SubscriberStatus("DROP"));
        }
        cache.Invalidate(change.Code);
        return TypedResults.Ok();
    }

    /// <summary>A bulk entry carries the whole CloudEvent; the visit is its data. Null when it is not a valid visit.</summary>
    private static UrlVisited? Decode(JsonElement cloudEvent, DaprClient dapr)
    {
        try
        {
            var data = cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("data", out var payload) ? payload : cloudEvent;
            var visit = data.Deserialize<UrlVisited>(dapr.JsonSerializerOptions);
            return visit is not null && Domain.ShortCode.IsWellFormed(visit.Code) && visit.EventId is { Length: > 0 and <= 64 } && visit.VisitorId is not null
                ? visit
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Dapr's bulk answer: {"statuses":[{"entryId":…,"status":"SUCCESS|RETRY|DROP"}]}.</summary>
    private static readonly JsonSerializerOptions BulkAnswerOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<T?> ReadAsync<T>(HttpRequest request, DaprClient dapr, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(dapr.JsonSerializerOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
