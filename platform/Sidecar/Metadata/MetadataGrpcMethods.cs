using AmazonScale.Sidecar.Grpc;
using Dapr.Client.Autogen.Grpc.v1;

namespace AmazonScale.Sidecar.Metadata;

/// <summary>gRPC GetMetadata / SetMetadata over the same snapshot as the HTTP API.</summary>
public sealed class MetadataGrpcMethods(MetadataService metadata) : IDaprGrpcMethods
{
    public void Bind(DaprGrpcBinder binder)
    {
        binder.Unary<GetMetadataRequest, GetMetadataResponse>("GetMetadata", (_, _) => Task.FromResult(ToProto(metadata.Build())));
        binder.Unary<SetMetadataRequest, Google.Protobuf.WellKnownTypes.Empty>("SetMetadata", (request, _) =>
        {
            metadata.SetExtended(request.Key, request.Value);
            return Task.FromResult(new Google.Protobuf.WellKnownTypes.Empty());
        });
    }

    private static GetMetadataResponse ToProto(MetadataSnapshot snapshot)
    {
        var response = new GetMetadataResponse
        {
            Id = snapshot.Id,
            RuntimeVersion = snapshot.RuntimeVersion,
            ActorRuntime = new ActorRuntime
            {
                RuntimeStatus = snapshot.ActorRuntimeStatus switch
                {
                    "RUNNING" => ActorRuntime.Types.ActorRuntimeStatus.Running,
                    "INITIALIZING" => ActorRuntime.Types.ActorRuntimeStatus.Initializing,
                    _ => ActorRuntime.Types.ActorRuntimeStatus.Disabled,
                },
                HostReady = snapshot.ActorHostReady,
                Placement = snapshot.Placement,
            },
            AppConnectionProperties = new AppConnectionProperties
            {
                Port = snapshot.AppPort ?? 0,
                Protocol = "http",
                ChannelAddress = snapshot.AppChannelAddress,
            },
        };
        response.EnabledFeatures.AddRange(snapshot.EnabledFeatures);
        response.ExtendedMetadata.Add(snapshot.Extended);
        foreach (var actors in snapshot.ActiveActors)
        {
            var count = new global::Dapr.Client.Autogen.Grpc.v1.ActiveActorsCount { Type = actors.Type, Count = actors.Count };
            response.ActorRuntime.ActiveActors.Add(count);
        }
        foreach (var component in snapshot.Components)
        {
            var registered = new RegisteredComponents { Name = component.Name, Type = component.Type, Version = component.Version };
            registered.Capabilities.AddRange(component.Capabilities);
            response.RegisteredComponents.Add(registered);
        }
        foreach (var subscription in snapshot.Subscriptions)
        {
            var item = new PubsubSubscription { PubsubName = subscription.PubsubName, Topic = subscription.Topic, DeadLetterTopic = subscription.DeadLetterTopic };
            item.Metadata.Add(subscription.Metadata.ToDictionary());
            item.Rules = new PubsubSubscriptionRules();
            item.Rules.Rules.AddRange(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
            response.Subscriptions.Add(item);
        }
        return response;
    }
}
