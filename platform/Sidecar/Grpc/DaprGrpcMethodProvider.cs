using Grpc.AspNetCore.Server.Model;

namespace AmazonScale.Sidecar.Grpc;

/// <summary>Collects every feature's handlers into the hand-bound Dapr service.</summary>
public sealed class DaprGrpcMethodProvider(IEnumerable<IDaprGrpcMethods> features) : IServiceMethodProvider<DaprGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprGrpcService> context)
    {
        var binder = new DaprGrpcBinder(context);
        foreach (var feature in features)
        {
            feature.Bind(binder);
        }
        binder.BindRemainingAsUnimplemented();
    }
}
