using System.Globalization;
using AmazonScale.Sidecar.Components;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// Connects state.redis from daprd's metadata: redisHost (host:port, comma list), redisPort, redisUsername,
/// redisPassword, redisDB, enableTLS, ttlInSeconds, dialTimeout. Sentinel failover is not supported and fails fast.
/// </summary>
public sealed class RedisStateStoreFactory : IComponentFactory
{
    public bool Supports(string type, string version) => type == "state.redis" && version == "v1";

    public async Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken)
    {
        if (resource.GetBool("failover"))
        {
            throw new ComponentException(resource, "Redis Sentinel failover is not supported by the local sidecar; point redisHost at the primary");
        }
        var options = new ConfigurationOptions
        {
            User = resource.Get("redisUsername"),
            Password = resource.Get("redisPassword"),
            Ssl = resource.GetBool("enableTLS"),
            AbortOnConnectFail = true,
            ConnectTimeout = (int)MetadataDuration.Get(resource, "dialTimeout", TimeSpan.FromSeconds(5)).TotalMilliseconds,
            ClientName = $"dapr-state-{resource.Name}",
        };
        if (resource.GetBool("insecureSkipTLSVerify"))
        {
            options.CertificateValidation += (_, _, _, _) => true;
        }
        var defaultPort = resource.Get("redisPort") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : 6379;
        foreach (var host in resource.Require("redisHost").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.EndPoints.Add(host.Contains(':') ? host : $"{host}:{defaultPort}");
        }
        var database = resource.Get("redisDB") is { } db ? int.Parse(db, CultureInfo.InvariantCulture) : 0;
        TimeSpan? defaultTtl = resource.Get("ttlInSeconds") is { } ttl ? TimeSpan.FromSeconds(int.Parse(ttl, CultureInfo.InvariantCulture)) : null;

        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        return new RedisStateStore(connection, database, defaultTtl, StateCapabilities.Of(resource));
    }
}
