namespace AmazonScale.Sidecar.Errors;

/// <summary>Thrown by feature code; the HTTP and gRPC front ends turn it into daprd's wire error.</summary>
public sealed class DaprException(DaprError error) : Exception(error.Message)
{
    public DaprError Error { get; } = error;
}
