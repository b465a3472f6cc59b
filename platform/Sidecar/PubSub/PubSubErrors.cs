using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.PubSub;

/// <summary>Pub/sub API errors with daprd's codes (dapr/dapr pkg/messages and pkg/api/errors/pubsub.go).</summary>
public static class PubSubErrors
{
    public static DaprError NotConfigured() =>
        new("ERR_PUBSUB_NOT_CONFIGURED", 400, StatusCode.FailedPrecondition, "no pubsub is configured");

    public static DaprError NameEmpty() =>
        new("ERR_PUBSUB_EMPTY", 404, StatusCode.InvalidArgument, "pubsub name is empty");

    public static DaprError NotFound(string pubsub) =>
        new("ERR_PUBSUB_NOT_FOUND", 404, StatusCode.InvalidArgument, $"pubsub {pubsub} is not found");

    public static DaprError TopicEmpty(string pubsub) =>
        new("ERR_TOPIC_NAME_EMPTY", 404, StatusCode.InvalidArgument, $"topic is empty in pubsub {pubsub}");

    public static DaprError CloudEventMalformed(string pubsub, string topic, string reason) =>
        new("ERR_PUBSUB_CLOUD_EVENTS_SER", 400, StatusCode.InvalidArgument,
            $"error when unmarshalling the request for topic {topic} pubsub {pubsub}: {reason}");

    public static DaprError EventsMalformed(string pubsub, string topic, string reason) =>
        new("ERR_PUBSUB_EVENTS_SER", 400, StatusCode.InvalidArgument,
            $"error when unmarshaling the request for topic {topic} pubsub {pubsub}: {reason}");

    public static DaprError MetadataInvalid(string pubsub, string reason) =>
        new("ERR_PUBSUB_REQUEST_METADATA", 400, StatusCode.InvalidArgument, $"failed deserializing metadata for pubsub {pubsub}: {reason}");

    public static DaprError Forbidden(string topic, string appId) =>
        new("ERR_PUBSUB_FORBIDDEN", 403, StatusCode.PermissionDenied, $"topic {topic} is not allowed for app id {appId}");

    public static DaprError PublishFailed(string pubsub, string topic, string reason) =>
        new("ERR_PUBSUB_PUBLISH_MESSAGE", 500, StatusCode.Internal, $"error when publish to topic {topic} in pubsub {pubsub}: {reason}");
}
