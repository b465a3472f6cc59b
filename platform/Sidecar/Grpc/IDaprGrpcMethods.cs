namespace AmazonScale.Sidecar.Grpc;

/// <summary>A building block's gRPC handlers. Register implementations as singletons.</summary>
public interface IDaprGrpcMethods
{
    void Bind(DaprGrpcBinder binder);
}
