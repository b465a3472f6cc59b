using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>Binds TraceService/LogsService/MetricsService Export to <see cref="OtlpGrpcService"/>, since no generated base classes exist.</summary>
internal sealed class OtlpGrpcMethodProvider : IServiceMethodProvider<OtlpGrpcService>
{
    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OtlpGrpcService> context)
    {
        foreach (var signal in OtlpSignal.All)
        {
            context.AddUnaryMethod(
                new Method<byte[], byte[]>(MethodType.Unary, signal.GrpcService, "Export", RawBytes, RawBytes),
                metadata: [],
                (service, request, call) => service.Export(signal, request, call));
        }
    }
}
