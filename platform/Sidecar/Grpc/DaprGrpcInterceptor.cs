using AmazonScale.Sidecar.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AmazonScale.Sidecar.Grpc;

/// <summary>
/// DAPR_API_TOKEN enforcement (Unauthenticated without the dapr-api-token header, as daprd) and the
/// mapping of DaprException to the gRPC status daprd would return.
/// </summary>
public sealed class DaprGrpcInterceptor(Hosting.ApiTokenVerifier tokens) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            return await continuation(request, context);
        }
        catch (DaprException ex)
        {
            throw ToRpcException(ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (DaprException ex)
        {
            throw ToRpcException(ex);
        }
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (!tokens.Matches(context.RequestHeaders.GetValue(Hosting.ApiTokenVerifier.HeaderName)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
        }
    }

    private static RpcException ToRpcException(DaprException ex) => new(new Status(ex.Error.GrpcStatus, ex.Error.Message));
}
