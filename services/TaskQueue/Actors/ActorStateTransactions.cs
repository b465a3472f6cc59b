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
    private readonly HttpClient _http;
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
        using var body = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(body))
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
        using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
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
