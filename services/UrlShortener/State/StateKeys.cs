namespace AmazonScale.UrlShortener.State;

/// <summary>Every state key this service writes, in one place (the sidecar prefixes them with the app id).</summary>
public static class StateKeys
{
    public static string Url(string code) => $"url:{code}";

    public static string OwnerIndexShard(string ownerId, int shard) => $"owner:{ownerId}:index:{shard}";

    public static string ApiKey(string keyHash) => $"apikey:{keyHash}";

    public static string Quota(string ownerId, string periodId) => $"quota:{ownerId}:{periodId}";

    public static string Domain(string host) => $"domain:{host}";

    public static string Idempotency(string ownerId, string keyHash) => $"idempotency:{ownerId}:{keyHash}";

    public static string DailyVisits(string code, DateOnly day) => $"visits:{code}:{day:yyyy-MM-dd}";

    public static string LifetimeVisits(string code) => $"visits:{code}:lifetime";
}
