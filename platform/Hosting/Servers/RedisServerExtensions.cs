using AmazonScale.Hosting.ApplicationModel;

namespace AmazonScale.Hosting.Servers;

public static class RedisServerExtensions
{
    /// <summary>redis-server on a free loopback port, persisting (AOF) into the run folder.</summary>
    public static IResourceBuilder<ExecutableResource> AddRedisServer(this DistributedApplicationBuilder builder, string name)
    {
        var redis = builder.AddExecutable(name, "redis-server", ".");
        redis.WithEndpoint();
        redis.Resource.InstallHint = "redis-server not found: install it (e.g. `sudo apt-get install redis-server`) or run with --profile local.";
        redis.Resource.Arguments = context =>
            ["--port", context.Port.ToString(), "--bind", "127.0.0.1", "--dir", context.DataDirectory, "--appendonly", "yes", "--save", ""];
        redis.Resource.ConnectionString = context => $"127.0.0.1:{context.Port}";
        return redis;
    }
}
