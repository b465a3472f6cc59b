using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// Writes an actor's state changes as ONE Dapr actor state transaction (POST /v1.0/actors/{type}/{id}/state) without
/// the SDK state manager's existence check, which costs a GET per key it has not cached: a shard turn writes up to
/// thousands of keys, and those reads would cost more than the write. Values are serialized with the actor runtime's
/// JSON options, so the state manager reads them back as usual. Call it only inside the actor's turn (single writer).
/// </summary>
public sealed class ActorStateTransactions : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;
    private const int MaxRetainedBufferBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly ConcurrentBag<ArrayBufferWriter<byte>> _buffers = [];
    private readonly JsonSerializerOptions _json;

    public ActorStateTransactions(IOptions<ActorRuntimeOptions> runtime)
    {
        var options = runtime.Value;
        _json = options.JsonSerializerOptions;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(options.HttpEndpoint ?? "http://127.0.0.1:3500") };
        if (options.DaprApiToken is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Add("dapr-api-token", token);
        }
    }

    public async Task SaveAsync(string actorType, string actorId, IReadOnlyList<(string Key, object Value)> upserts, IReadOnlyList<string> deletes,
        CancellationToken cancellationToken = default)
    {
        // A commit carries up to ~1 MB of records: a reused buffer instead of a growing stream (large-object garbage).
        var body = _buffers.TryTake(out var pooled) ? pooled : new ArrayBufferWriter<byte>(InitialBufferBytes);
        try
        {
            await SendAsync(actorType, actorId, body, upserts, deletes, cancellationToken);
        }
        finally
        {
            body.ResetWrittenCount();
            if (body.Capacity <= MaxRetainedBufferBytes)
            {
                _buffers.Add(body);
            }
        }
    }

    private async Task SendAsync(string actorType, string actorId, ArrayBufferWriter<byte> body, IReadOnlyList<(string Key, object Value)> upserts,
        IReadOnlyList<string> deletes, CancellationToken cancellationToken)
    {
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = _json.Encoder }))
        {
            writer.WriteStartArray();
            foreach (var (key, value) in upserts)
            {
                WriteOperation(writer, "upsert", key);
                writer.WritePropertyName("value");
                JsonSerializer.Serialize(writer, value, value.GetType(), _json);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            foreach (var key in deletes)
            {
                WriteOperation(writer, "delete", key);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        using var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"v1.0/actors/{Uri.EscapeDataString(actorType)}/{Uri.EscapeDataString(actorId)}/state", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"actor state transaction for {actorType}/{actorId} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static void WriteOperation(Utf8JsonWriter writer, string operation, string key)
    {
        writer.WriteStartObject();
        writer.WriteString("operation", operation);
        writer.WriteStartObject("request");
        writer.WriteString("key", key);
    }

    public void Dispose() => _http.Dispose();
}
