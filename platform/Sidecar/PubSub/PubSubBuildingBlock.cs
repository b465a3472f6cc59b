using AmazonScale.Sidecar.AppChannel;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Grpc;
using AmazonScale.Sidecar.Metadata;
using AmazonScale.Sidecar.PubSub.Components.InMemory;
using AmazonScale.Sidecar.PubSub.Components.Redis;
using AmazonScale.Sidecar.PubSub.Delivery;
using AmazonScale.Sidecar.PubSub.Publishing;
using AmazonScale.Sidecar.PubSub.Subscriptions;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.PubSub;

/// <summary>The pub/sub building block: components, publish API (HTTP + gRPC), subscriptions and delivery.</summary>
public static class PubSubBuildingBlock
{
    public static IServiceCollection AddPubSubBuildingBlock(this IServiceCollection services)
    {
        services.AddSingleton<IComponentFactory, LocalPubSubFactory>();
        services.AddSingleton<IComponentFactory, RedisStreamsPubSubFactory>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<IDaprGrpcMethods, PublishGrpcMethods>();
        services.AddSingleton(DeliveryRetryPolicy.Default);
        services.AddSingleton<SubscriptionDeliverer>();
        services.AddSingleton<SubscriptionManager>();
        services.AddSingleton<IAppInitializer>(sp => sp.GetRequiredService<SubscriptionManager>());
        services.AddSingleton<IMetadataContributor>(sp => sp.GetRequiredService<SubscriptionManager>());
        return services;
    }

    public static IEndpointRouteBuilder MapPubSubApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPublishApi();
        endpoints.MapLocalPubSubPeerApi();
        return endpoints;
    }
}
