using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.TestSupport.Sidecar;
using Dapr;
using Dapr.AspNetCore;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// A subscriber written the way services are: Dapr.AspNetCore's UseCloudEvents + MapSubscribeHandler and
/// endpoints declared with WithTopic. A middleware in front records the envelope as it came off the wire.
/// </summary>
public static class SubscriberApp
{
    public const string Pubsub = PubSubBackend.ComponentName;
    private const int FlakyFailures = 2;

    public static Task<TestApp> StartAsync(string instance, SubscriberRecorder recorder) => TestApp.StartAsync(app =>
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var raw = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            context.Items["envelope"] = raw;
            context.Items["content-type"] = context.Request.ContentType;
            await next();
        });
        app.UseCloudEvents();
        app.MapSubscribeHandler();

        app.MapPost("/orders", Accept(instance, "orders", recorder)).WithTopic(Pubsub, "orders");
        app.MapPost("/notes", Accept(instance, "notes", recorder)).WithTopic(Pubsub, "notes");
        app.MapPost("/widgets/special", Accept(instance, "widgets/special", recorder)).WithTopic(new TopicOptions { PubsubName = Pubsub, Name = "widgets", Match = "event.type == \"widget\"", Priority = 1 });
        app.MapPost("/widgets/heavy", Accept(instance, "widgets/heavy", recorder)).WithTopic(new TopicOptions { PubsubName = Pubsub, Name = "widgets", Match = "event.data.weight > 10 || (event.data.priority == \"high\" && !(event.type == \"widget\"))", Priority = 2 });
        app.MapPost("/widgets/other", Accept(instance, "widgets/other", recorder)).WithTopic(Pubsub, "widgets");
        app.MapPost("/raw", Accept(instance, "raw", recorder)).WithTopic(new TopicOptions { PubsubName = Pubsub, Name = "raw", EnableRawPayload = true });
        app.MapPost("/poison", Accept(instance, "poison", recorder)).WithTopic(Pubsub, "poison");
        app.MapPost("/declared", Accept(instance, "declared", recorder));
        app.MapPost("/bulk", (HttpContext context) => AcceptBulk(instance, context, recorder))
            .WithTopic(Pubsub, "bulk")
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = "bulk", MaxMessagesCount = 3, MaxAwaitDurationMs = 300 });

        app.MapPost("/flaky", async context =>
        {
            var received = await RecordAttemptAsync(instance, "flaky", context, recorder);
            if (recorder.Attempts("flaky").Count <= FlakyFailures)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            recorder.RecordAccepted(received);
        }).WithTopic(Pubsub, "flaky");
        app.MapPost("/drop", async context =>
        {
            await RecordAttemptAsync(instance, "drop", context, recorder);
            await context.Response.WriteAsJsonAsync(new { status = "DROP" });
        }).WithTopic(new TopicOptions { PubsubName = Pubsub, Name = "drop", DeadLetterTopic = "poison" });
        app.MapPost("/gone", async context =>
        {
            await RecordAttemptAsync(instance, "gone", context, recorder);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }).WithTopic(new TopicOptions { PubsubName = Pubsub, Name = "gone", DeadLetterTopic = "poison" });
    });

    /// <summary>A [BulkSubscribe]-style endpoint: records the request as "bulk-request" and each entry as "bulk".</summary>
    private static async Task AcceptBulk(string instance, HttpContext context, SubscriberRecorder recorder)
    {
        var request = await RecordAttemptAsync(instance, "bulk-request", context, recorder);
        var message = JsonSerializer.Deserialize<BulkSubscribeMessage<JsonElement>>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        foreach (var entry in message.Entries)
        {
            recorder.RecordAccepted(new ReceivedEvent(instance, "bulk", JsonNode.Parse(entry.Event.GetRawText()) as JsonObject, entry.Event.GetRawText(), request.Headers, entry.ContentType));
        }
        await context.Response.WriteAsJsonAsync(new BulkSubscribeAppResponse(
            [.. message.Entries.Select(e => new BulkSubscribeAppResponseEntry(e.EntryId, BulkSubscribeAppResponseStatus.SUCCESS))]));
    }

    private static RequestDelegate Accept(string instance, string route, SubscriberRecorder recorder) => async context =>
    {
        recorder.RecordAccepted(await RecordAttemptAsync(instance, route, context, recorder));
    };

    private static async Task<ReceivedEvent> RecordAttemptAsync(string instance, string route, HttpContext context, SubscriberRecorder recorder)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var envelope = context.Items["envelope"] as string;
        var received = new ReceivedEvent(
            instance,
            route,
            string.IsNullOrEmpty(envelope) ? null : JsonNode.Parse(envelope) as JsonObject,
            body,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            context.Items["content-type"] as string);
        recorder.RecordAttempt(received);
        return received;
    }
}
