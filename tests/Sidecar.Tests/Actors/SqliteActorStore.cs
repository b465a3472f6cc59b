using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>A SQLite actor state store in the test's folder: shared by every sidecar of a test and kept across restarts.</summary>
public static class SqliteActorStore
{
    public static ResourcesFolder WriteTo(ResourcesFolder resources) => resources.Write("actorstore.yaml", ComponentYaml.SqliteState("actorstore", Path.Combine(resources.Root, "actors.db")));
}
