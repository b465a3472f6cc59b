using AmazonScale.Sidecar.Errors;
using AmazonScale.Sidecar.Grpc;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// The gRPC state RPCs of dapr.proto.runtime.v1.Dapr. Values arrive as bytes and are stored as binary (Go
/// []byte in daprd) unless the item's metadata says contentType=application/json, in which case they are
/// stored as JSON. A miss is a success with empty data, as in daprd.
/// </summary>
public sealed class StateGrpcMethods(StateService state) : IDaprGrpcMethods
{
    private const string ContentTypeMetadataKey = "contentType";
    private const string JsonContentType = "application/json";

    public void Bind(DaprGrpcBinder binder)
    {
        binder.Unary<GetStateRequest, GetStateResponse>("GetState", GetStateAsync);
        binder.Unary<GetBulkStateRequest, GetBulkStateResponse>("GetBulkState", GetBulkStateAsync);
        binder.Unary<SaveStateRequest, Empty>("SaveState", SaveStateAsync);
        binder.Unary<DeleteStateRequest, Empty>("DeleteState", DeleteStateAsync);
        binder.Unary<DeleteBulkStateRequest, Empty>("DeleteBulkState", DeleteBulkStateAsync);
        binder.Unary<ExecuteStateTransactionRequest, Empty>("ExecuteStateTransaction", ExecuteTransactionAsync);
    }

    private async Task<GetStateResponse> GetStateAsync(GetStateRequest request, ServerCallContext context)
    {
        var entry = await state.GetAsync(request.StoreName, request.Key, context.CancellationToken);
        var response = new GetStateResponse();
        if (entry is not null)
        {
            response.Data = ByteString.CopyFrom(entry.Value);
            response.Etag = entry.ETag;
            response.Metadata.Add(StateRequestOptions.ResponseMetadata(entry));
        }
        return response;
    }

    private async Task<GetBulkStateResponse> GetBulkStateAsync(GetBulkStateRequest request, ServerCallContext context)
    {
        var results = await state.GetBulkAsync(request.StoreName, request.Keys, request.Parallelism, context.CancellationToken);
        var response = new GetBulkStateResponse();
        foreach (var result in results)
        {
            var item = new BulkStateItem { Key = result.Key, Error = result.Error ?? "" };
            if (result.Entry is { } entry)
            {
                item.Data = ByteString.CopyFrom(entry.Value);
                item.Etag = entry.ETag;
                item.Metadata.Add(StateRequestOptions.ResponseMetadata(entry));
            }
            response.Items.Add(item);
        }
        return response;
    }

    private async Task<Empty> SaveStateAsync(SaveStateRequest request, ServerCallContext context)
    {
        var items = request.States.Select(ToSetRequest).ToList();
        await state.SaveAsync(request.StoreName, items, context.CancellationToken);
        return new Empty();
    }

    private async Task<Empty> DeleteStateAsync(DeleteStateRequest request, ServerCallContext context)
    {
        var delete = new StateDeleteRequest(request.Key, StateRequestOptions.NormalizeETag(request.Etag?.Value),
            Concurrency(request.Options), Consistency(request.Options));
        await state.DeleteAsync(request.StoreName, delete, context.CancellationToken);
        return new Empty();
    }

    private async Task<Empty> DeleteBulkStateAsync(DeleteBulkStateRequest request, ServerCallContext context)
    {
        var deletes = request.States.Select(ToDeleteRequest).ToList();
        await state.DeleteBulkAsync(request.StoreName, deletes, context.CancellationToken);
        return new Empty();
    }

    private async Task<Empty> ExecuteTransactionAsync(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var operations = request.Operations.Select(operation => operation.OperationType switch
        {
            "upsert" => (StateOperation)new StateUpsert(ToSetRequest(operation.Request ?? new StateItem())),
            "delete" => new StateDelete(ToDeleteRequest(operation.Request ?? new StateItem())),
            var other => throw StateErrors.UnsupportedOperation(other).ToException(),
        }).ToList();
        await state.ExecuteTransactionAsync(request.StoreName, operations, context.CancellationToken);
        return new Empty();
    }

    private static StateSetRequest ToSetRequest(StateItem item) => new(
        item.Key,
        ToValue(item),
        StateRequestOptions.NormalizeETag(item.Etag?.Value),
        Concurrency(item.Options),
        Consistency(item.Options),
        StateRequestOptions.ParseTtl(item.Metadata));

    private static StateDeleteRequest ToDeleteRequest(StateItem item) =>
        new(item.Key, StateRequestOptions.NormalizeETag(item.Etag?.Value), Concurrency(item.Options), Consistency(item.Options));

    private static StateValue ToValue(StateItem item)
    {
        var bytes = item.Value.Memory;
        if (!item.Metadata.TryGetValue(ContentTypeMetadataKey, out var contentType) || contentType != JsonContentType)
        {
            return new StateValue(bytes.ToArray(), IsBinary: true);
        }
        try
        {
            return new StateValue(GoJson.Encode(bytes), IsBinary: false);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new DaprError("ERR_STATE_SAVE", 400, StatusCode.InvalidArgument, $"value of key {item.Key} is not valid JSON: {ex.Message}").ToException();
        }
    }

    private static StateConcurrency Concurrency(StateOptions? options) => options?.Concurrency switch
    {
        StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite => StateConcurrency.FirstWrite,
        StateOptions.Types.StateConcurrency.ConcurrencyLastWrite => StateConcurrency.LastWrite,
        _ => StateConcurrency.Unspecified,
    };

    private static StateConsistency Consistency(StateOptions? options) => options?.Consistency switch
    {
        StateOptions.Types.StateConsistency.ConsistencyEventual => StateConsistency.Eventual,
        StateOptions.Types.StateConsistency.ConsistencyStrong => StateConsistency.Strong,
        _ => StateConsistency.Unspecified,
    };
}
