using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.Invocation;

/// <summary>Service-invocation errors with daprd's codes (pkg/messages: ERR_DIRECT_INVOKE).</summary>
public static class InvocationErrors
{
    public static DaprError AppNotFound(string appId) =>
        new("ERR_DIRECT_INVOKE", 500, StatusCode.Unavailable, $"failed to invoke, id: {appId}, err: couldn't find service: {appId}");

    public static DaprError Unreachable(string appId, string reason) =>
        new("ERR_DIRECT_INVOKE", 500, StatusCode.Unavailable, $"failed to invoke, id: {appId}, err: {reason}");

    public static DaprError MissingAppId() =>
        new("ERR_DIRECT_INVOKE", 404, StatusCode.InvalidArgument, "failed getting app id either from the URL path or the header dapr-app-id");

    public static DaprError NoAppChannel(string appId) =>
        new("ERR_DIRECT_INVOKE", 500, StatusCode.Internal, $"failed to invoke, id: {appId}, err: app channel is not initialized (the sidecar was started without --app-port)");
}
