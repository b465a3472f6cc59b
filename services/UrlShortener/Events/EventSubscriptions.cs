using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Redirects;
using Dapr;
using Dapr.AspNetCore;
using Dapr.Client;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// Pub/sub handlers (advertised on /dapr/subscribe). Event bodies are read with the Dapr client's JSON
/// options, the same ones the publisher wrote them with, independent of the API's snake_case. Visit batches arrive in
/// bulk (bulkSubscribe): the sidecar collects up to <see cref="VisitBatchesPerDelivery"/> of them for at most
/// <see cref="VisitDeliveryWaitMs"/> ms, and the aggregator stores each group of deliveries with two state calls.
/// </summary>
public static class EventSubscriptions
{
    /// <summary>
    /// Most visit batches per bulk delivery (each up to <see cref="Redirects.ClickPublisher.MaxBatch"/> visits, so a
    /// delivery stays around a megabyte); the sidecar sends fewer once <see cref="VisitDeliveryWaitMs"/> has passed.
    /// </summary>
    public const int VisitBatchesPerDelivery = 16;
    public const int VisitDeliveryWaitMs = 20;

    // Deliveries are kept in memory while decoded (the service accepts bodies up to 4 MiB), never spilled to disk.
    private const int MaxBufferedDeliveryBytes = 4 * 1024 * 1024;

    /// <summary>Tells the sidecar to drop an undecodable event instead of retrying it forever.</summary>
    public sealed record SubscriberStatus(string Status);

    /// <summary>The parts of a bulk delivery this service reads: each entry's CloudEvent carries one batch as its data.</summary>
    public sealed record VisitDelivery(IReadOnlyList<VisitDeliveryEntry>? Entries);

    public sealed record VisitDeliveryEntry(string? EntryId, VisitCloudEvent? Event);

    /// <summary>A batch arrives as data_base64 (<see cref="UrlVisitBatchCodec"/>), or as JSON data when published before that form.</summary>
    public sealed record VisitCloudEvent(UrlVisitBatch? Data, [property: JsonPropertyName("data_base64")] byte[]? DataBase64)
    {
        public UrlVisitBatch? Batch() => Data ?? (DataBase64 is null ? null : UrlVisitBatchCodec.Decode(DataBase64));
    }

    public static IEndpointRouteBuilder MapUrlShortenerEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").ExcludeFromDescription();
        // An edge (ConsumeVisits false) does not advertise the topic, so its sidecar never subscribes and the broker
        // hands every batch to the consumer instances of the app id.
        if (app.ServiceProvider.GetRequiredService<IOptions<UrlShortenerOptions>>().Value.ConsumeVisits)
        {
            events.MapPost("/url-visits", OnUrlVisitBatches)
                .WithTopic(DaprComponents.PubSub, nameof(UrlVisitBatch))
                .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = nameof(UrlVisitBatch), MaxMessagesCount = VisitBatchesPerDelivery, MaxAwaitDurationMs = VisitDeliveryWaitMs });
        }
        events.MapPost("/url-changed", OnUrlChanged).WithTopic(DaprComponents.Broadcast, nameof(UrlChanged));
        return app;
    }

    /// <summary>
    /// One bulk delivery, decoded in one pass into typed batches: each entry is acknowledged on its own — SUCCESS once
    /// counted, DROP when it is not a visit batch, RETRY when one of its documents could not be written (the sidecar
    /// redelivers only those; their documents that were written recognise the batch id). A batch's malformed visits
    /// are skipped; its others count.
    /// </summary>
    public static async Task<IResult> OnUrlVisitBatches(HttpRequest request, DaprClient dapr, VisitAggregator aggregator, CancellationToken cancellationToken)
    {
        var entries = await ReadVisitEntriesAsync(request, dapr, cancellationToken);
        if (entries is null)
        {
            // 404 is how a subscriber tells Dapr to drop a delivery that can never succeed.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a bulk message", detail: "The body is not a bulk pub/sub delivery; dropped.");
        }
        var statuses = new Dictionary<string, BulkSubscribeAppResponseStatus>(StringComparer.Ordinal);
        var batches = new List<UrlVisitBatch>(entries.Count);
        var entryOf = new Dictionary<UrlVisitBatch, string>(ReferenceEqualityComparer.Instance);
        foreach (var (entryId, batch) in entries)
        {
            if (batch is { BatchId: not 0, Visits: not null })
            {
                var valid = new UrlVisitBatch(batch.BatchId, [.. batch.Visits.Where(IsWellFormed)]);
                batches.Add(valid);
                entryOf[valid] = entryId;
                statuses[entryId] = BulkSubscribeAppResponseStatus.SUCCESS;
            }
            else
            {
                statuses[entryId] = BulkSubscribeAppResponseStatus.DROP;
            }
        }
        foreach (var failed in await aggregator.ApplyAsync(batches, cancellationToken))
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

    private static bool IsWellFormed(UrlVisited? visit) =>
        visit is not null && Domain.ShortCode.IsWellFormed(visit.Code) && visit.VisitorId is not null;

    /// <summary>
    /// The entries of a bulk delivery with their batches (null where an entry holds none), or null when the body is not
    /// a bulk delivery. One typed pass over the body; only if that fails (an entry that is not a batch) is the buffered
    /// body read again entry by entry, so that one bad entry drops itself rather than its whole delivery.
    /// </summary>
    private static async Task<List<(string EntryId, UrlVisitBatch? Batch)>?> ReadVisitEntriesAsync(HttpRequest request, DaprClient dapr, CancellationToken cancellationToken)
    {
        request.EnableBuffering(bufferThreshold: MaxBufferedDeliveryBytes);
        try
        {
            var delivery = await request.ReadFromJsonAsync<VisitDelivery>(dapr.JsonSerializerOptions, cancellationToken);
            return delivery?.Entries is { } entries ? [.. entries.Where(entry => entry?.EntryId is not null).Select(entry => (entry.EntryId!, entry.Event?.Batch()))] : null;
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
            // Not JSON at all (content type).
            return null;
        }
        request.Body.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("entries", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            return [.. items.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("entryId", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(item => (item.GetProperty("entryId").GetString()!, DecodeBatch(item, dapr)))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static UrlVisitBatch? DecodeBatch(JsonElement entry, DaprClient dapr)
    {
        try
        {
            return entry.Deserialize<VisitDeliveryEntry>(dapr.JsonSerializerOptions)?.Event?.Batch();
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
