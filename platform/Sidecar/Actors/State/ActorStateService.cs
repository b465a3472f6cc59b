using System.Globalization;
using System.Text.Json;
using AmazonScale.Sidecar.Errors;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Actors.State;

/// <summary>
/// Actor state: reads one key and applies the SDK's end-of-turn transaction as one store transaction,
/// under daprd's key layout appid||type||id||key. Values are stored in daprd's JSON encoding; ttlInSeconds is
/// honoured only with the ActorStateTTL preview feature, as in daprd.
/// </summary>
public sealed class ActorStateService(ActorStateStoreLocator stores, Hosting.SidecarOptions options, Hosting.DaprConfiguration configuration)
{
    public const string TtlFeature = "ActorStateTTL";

    public async Task<StateEntry?> GetAsync(ActorKey actor, string key, CancellationToken cancellationToken)
    {
        var store = stores.Require().Store;
        try
        {
            return await store.GetAsync(actor.StateKey(options.AppId, key), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DaprException)
        {
            throw ActorErrors.StateGet(ex.Message).ToException();
        }
    }

    public async Task ExecuteTransactionAsync(ActorKey actor, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var store = stores.Require().Store;
        var operations = ParseOperations(actor, body);
        if (operations.Count == 0)
        {
            return;
        }
        try
        {
            await store.ExecuteTransactionAsync(operations, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DaprException)
        {
            throw ActorErrors.StateTransaction(ex.Message).ToException();
        }
    }

    private List<StateOperation> ParseOperations(ActorKey actor, ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw CommonErrors.MalformedRequest(ex.Message).ToException();
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw CommonErrors.MalformedRequest("expected a JSON array of operations").ToException();
            }
            return document.RootElement.EnumerateArray().Select(item => ParseOperation(actor, item)).ToList();
        }
    }

    private StateOperation ParseOperation(ActorKey actor, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("operation", out var operation) || operation.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            throw CommonErrors.MalformedRequest("each operation needs \"operation\" and \"request\"").ToException();
        }
        if (!request.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String || keyElement.GetString() is not { Length: > 0 } key)
        {
            throw ActorErrors.StateTransaction("missing key in an operation").ToException();
        }
        var storeKey = actor.StateKey(options.AppId, key);
        var etag = request.TryGetProperty("etag", out var etagElement) && etagElement.ValueKind == JsonValueKind.String ? etagElement.GetString() : null;
        switch (operation.GetString()?.ToLowerInvariant())
        {
            case "upsert":
                // Stored as daprd stores it: the JSON decoded by Go and marshalled again.
                var value = request.TryGetProperty("value", out var valueElement) ? GoJson.Encode(valueElement) : "null"u8.ToArray();
                return new StateUpsert(new StateSetRequest(storeKey, new StateValue(value, false), etag, Ttl: ReadTtl(request)));
            case "delete":
                return new StateDelete(new StateDeleteRequest(storeKey, etag));
            default:
                throw ActorErrors.StateTransaction($"operation type {operation.GetString()} not supported").ToException();
        }
    }

    private TimeSpan? ReadTtl(JsonElement request)
    {
        if (!request.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("ttlInSeconds", out var ttl))
        {
            return null;
        }
        if (!configuration.IsEnabled(TtlFeature))
        {
            throw ActorErrors.InvalidArgument($"ttlInSeconds is not supported for actor state unless the {TtlFeature} feature is enabled in the Configuration").ToException();
        }
        var text = ttl.ValueKind == JsonValueKind.Number ? ttl.GetRawText() : ttl.GetString();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw ActorErrors.InvalidArgument($"ttlInSeconds \"{text}\" is not an integer").ToException();
        }
        // daprd: a TTL of -1 (or less) means "never expire".
        return seconds < 0 ? null : TimeSpan.FromSeconds(seconds);
    }
}
