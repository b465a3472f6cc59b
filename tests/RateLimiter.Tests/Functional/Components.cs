using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Functional;

/// <summary>The component YAML the service needs: a shared SQLite state store (also the actor state store) and the two pub/subs (broadcast: every instance its own consumer group).</summary>
internal static class Components
{
    private const string UuidPlaceholder = "{uuid}";

    public static ResourcesFolder Write(ResourcesFolder resources, string? broadcastRedisAddress = null)
    {
        resources.Write("statestore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {DaprComponents.StateStore}
            spec:
              type: state.sqlite
              version: v1
              metadata:
              - name: connectionString
                value: "{Path.Combine(resources.Root, "state.db")}"
              - name: actorStateStore
                value: "true"
            """);
        resources.Write("pubsub.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {DaprComponents.PubSub}
            spec:
              type: pubsub.in-memory
              version: v1
            """);
        resources.Write("broadcast.yaml", broadcastRedisAddress is null
            ? $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: {DaprComponents.Broadcast}
                spec:
                  type: pubsub.in-memory
                  version: v1
                  metadata:
                  - name: consumerID
                    value: "{UuidPlaceholder}"
                """
            : $"""
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: {DaprComponents.Broadcast}
                spec:
                  type: pubsub.redis
                  version: v1
                  metadata:
                  - name: redisHost
                    value: "{broadcastRedisAddress}"
                  - name: consumerID
                    value: "{UuidPlaceholder}"
                """);
        return resources;
    }
}
