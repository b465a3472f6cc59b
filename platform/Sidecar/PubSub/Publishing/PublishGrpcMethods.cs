using AmazonScale.Sidecar.Grpc;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>gRPC PublishEvent, BulkPublishEvent and its older BulkPublishEventAlpha1 name (what DaprClient calls).</summary>
public sealed class PublishGrpcMethods(Publisher publisher) : IDaprGrpcMethods
{
    public void Bind(DaprGrpcBinder binder)
    {
        binder.Unary<PublishEventRequest, Google.Protobuf.WellKnownTypes.Empty>("PublishEvent", PublishAsync);
        binder.Unary<BulkPublishRequest, BulkPublishResponse>("BulkPublishEvent", PublishBulkAsync);
        binder.Unary<BulkPublishRequest, BulkPublishResponse>("BulkPublishEventAlpha1", PublishBulkAsync);
    }

    private async Task<Google.Protobuf.WellKnownTypes.Empty> PublishAsync(PublishEventRequest request, ServerCallContext context)
    {
        var publish = new PublishRequest(request.PubsubName, request.Topic, request.Data.Memory, request.DataContentType, request.Metadata);
        await publisher.PublishAsync(publish, context.CancellationToken);
        return new Google.Protobuf.WellKnownTypes.Empty();
    }

    private async Task<BulkPublishResponse> PublishBulkAsync(BulkPublishRequest request, ServerCallContext context)
    {
        var entries = request.Entries
            .Select(e => new BulkPublishEntry(e.EntryId, e.Event.Memory, e.ContentType, e.Metadata))
            .ToList();
        var failures = await publisher.PublishBulkAsync(request.PubsubName, request.Topic, entries, request.Metadata, context.CancellationToken);
        var response = new BulkPublishResponse();
        response.FailedEntries.AddRange(failures.Select(f => new BulkPublishResponseFailedEntry { EntryId = f.EntryId, Error = f.Error }));
        return response;
    }
}
