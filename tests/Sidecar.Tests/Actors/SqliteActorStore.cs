using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>A SQLite actor state store in the test's folder: shared by every sidecar of a test and kept across restarts.</summary>
public static class SqliteActorStore
{
    public static ResourcesFolder WriteTo(ResourcesFolder resources) => resources.Write("actorstore.yaml", $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata: {"{"} name: actorstore {"}"}
        spec:
          type: state.sqlite
          version: v1
          metadata:
          - name: connectionString
            value: "{Path.Combine(resources.Root, "actors.db")}"
          - name: actorStateStore
            value: "true"
        """);
}
