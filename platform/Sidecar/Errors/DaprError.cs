using Grpc.Core;

namespace AmazonScale.Sidecar.Errors;

/// <summary>
/// One of daprd's API errors: the same ERR_* code, HTTP status and gRPC status the real runtime uses
/// (dapr/dapr pkg/messages and pkg/api/errors), so SDK error handling behaves identically.
/// </summary>
public sealed record DaprError(string ErrorCode, int HttpStatus, StatusCode GrpcStatus, string Message)
{
    public DaprException ToException() => new(this);
}
