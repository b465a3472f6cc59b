using Grpc.Core;

namespace AmazonScale.Sidecar.Errors;

/// <summary>Errors shared by several building blocks. Feature-specific errors live beside their feature.</summary>
public static class CommonErrors
{
    public static DaprError MalformedRequest(string detail) =>
        new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, $"failed deserializing HTTP body: {detail}");

    public static DaprError BodyTooLarge(long limit) =>
        new("ERR_MALFORMED_REQUEST", 413, StatusCode.ResourceExhausted, $"request body exceeds the limit of {limit} bytes");

    public static DaprError NotReady() =>
        new("ERR_HEALTH_NOT_READY", 500, StatusCode.Unavailable, "dapr is not ready");

    public static DaprError Unimplemented(string api) =>
        new("ERR_NOT_IMPLEMENTED", 501, StatusCode.Unimplemented, $"{api} is not supported by the local sidecar stand-in");
}
