using System.Globalization;
using AmazonScale.Sidecar.Components;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.PubSub.Components.Redis;

/// <summary>
/// pubsub.redis metadata (components-contrib pubsub/redis): connection (redisHost, redisUsername,
/// redisPassword, redisDB, enableTLS), consumerID (the consumer group; defaults to the app id; {appID},
/// {podName} and {uuid} are expanded), processingTimeout (60s: a pending message idle that long is
/// reclaimed; 0 disables redelivery), redeliverInterval (15s: how often pending messages are checked;
/// 0 disables), queueDepth (100: messages read per XREADGROUP), concurrency (10: handlers running at
/// once) and maxLenApprox (XADD MAXLEN ~ n; unset = unbounded).
/// </summary>
public sealed record RedisStreamsOptions(
    ConfigurationOptions Connection,
    string ConsumerId,
    TimeSpan ProcessingTimeout,
    TimeSpan RedeliverInterval,
    int QueueDepth,
    int Concurrency,
    long? MaxLenApprox)
{
    public static RedisStreamsOptions From(ComponentResource resource, string appId)
    {
        var connection = ConfigurationOptions.Parse(resource.Require("redisHost"));
        connection.Password = resource.Get("redisPassword");
        connection.User = resource.Get("redisUsername");
        connection.Ssl = resource.GetBool("enableTLS");
        connection.DefaultDatabase = (int)Integer(resource, "redisDB", 0);
        connection.AbortOnConnectFail = true;
        connection.ClientName = $"dapr-{appId}";

        var consumerId = ConsumerGroup.Resolve(resource, appId);

        return new RedisStreamsOptions(
            connection,
            consumerId,
            Duration(resource, "processingTimeout", TimeSpan.FromSeconds(60)),
            Duration(resource, "redeliverInterval", TimeSpan.FromSeconds(15)),
            (int)Integer(resource, "queueDepth", 100, minimum: 1),
            (int)Integer(resource, "concurrency", 10, minimum: 1),
            resource.Get("maxLenApprox") is null ? null : Integer(resource, "maxLenApprox", 0, minimum: 1));
    }

    /// <summary>Redelivery of unacknowledged messages is off when either setting is zero, as in the real component.</summary>
    public bool RedeliveryEnabled => ProcessingTimeout > TimeSpan.Zero && RedeliverInterval > TimeSpan.Zero;

    private static TimeSpan Duration(ComponentResource resource, string name, TimeSpan fallback)
    {
        var text = resource.Get(name);
        if (text is null)
        {
            return fallback;
        }
        return GoDuration.TryParse(text, out var value)
            ? value
            : throw new ComponentException(resource, $"metadata '{name}' must be a duration (e.g. 15s or milliseconds), got '{text}'");
    }

    private static long Integer(ComponentResource resource, string name, long fallback, long minimum = 0)
    {
        var text = resource.Get(name);
        if (text is null)
        {
            return fallback;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ComponentException(resource, $"metadata '{name}' must be an integer ≥ {minimum}, got '{text}'");
    }
}
