namespace AmazonScale.Sidecar.Grpc;

/// <summary>
/// The gRPC service dapr.proto.runtime.v1.Dapr. Dapr.Protos ships only the client stub, so its methods are
/// bound by hand (DaprGrpcMethodProvider) from handlers that features contribute via IDaprGrpcMethods.
/// </summary>
public sealed class DaprGrpcService
{
    public const string ServiceName = "dapr.proto.runtime.v1.Dapr";
}
