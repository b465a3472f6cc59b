using AmazonScale.Hosting.ApplicationModel;

namespace AmazonScale.Hosting.Servers;

/// <summary>The servers a component profile's YAML points at; the "local" profile needs none.</summary>
internal static class ProfileServers
{
    public static IEnumerable<IResourceBuilder<ExecutableResource>> For(DistributedApplicationBuilder builder, string profile) => profile switch
    {
        "redis" => [builder.AddRedisServer("redis")],
        "postgres" => [builder.AddPostgresServer("postgres")],
        _ => [],
    };
}
