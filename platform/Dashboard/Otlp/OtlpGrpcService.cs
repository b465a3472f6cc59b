using AmazonScale.Dashboard.Telemetry;
using Grpc.Core;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC: the three collector services' unary Export methods, bound by hand with raw-byte marshallers so the
/// same schema-driven decoder serves both transports (no generated code). An empty message is a valid Export*ServiceResponse.
/// </summary>
internal sealed class OtlpGrpcService(TelemetryStore store, OtlpAuthorization authorization)
{
    public Task<byte[]> Export(OtlpSignal signal, byte[] request, ServerCallContext context)
    {
        if (!authorization.Allows(context.RequestHeaders.GetValue(OtlpAuthorization.HeaderName)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Missing or invalid {OtlpAuthorization.HeaderName} header."));
        }

        try
        {
            signal.Store(store, ProtobufToJson.Decode(request, signal.Schema));
        }
        catch (Exception e) when (OtlpSignal.IsMalformedBody(e))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Malformed {signal.Schema.Name}: {e.Message}"));
        }

        return Task.FromResult(Array.Empty<byte>());
    }
}
