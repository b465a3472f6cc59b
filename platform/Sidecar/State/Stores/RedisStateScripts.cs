namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// The conditional write and delete that state.redis runs with EVAL, with the same decision rules so keys
/// written here and by daprd behave alike: a hash {data, version, [first-write]}, the version bumped with
/// HINCRBY, ARGV[1] the expected version ("0" = none), ARGV[3] "0" when the write is first-write.
/// </summary>
public static class RedisStateScripts
{
    /// <summary>KEYS[1] key; ARGV[1] expected version; ARGV[2] data; ARGV[3] "0" marks the hash first-write. Returns the new version.</summary>
    public const string Set = """
        local current = redis.pcall("HGET", KEYS[1], "version")
        if type(current) == "table" then
          redis.call("DEL", KEYS[1])
        end
        local guarded = redis.pcall("HGET", KEYS[1], "first-write")
        local writable = (not current) or type(current) == "table" or current == "" or current == ARGV[1]
        if writable or ((not guarded) and ARGV[1] == "0") then
          redis.call("HSET", KEYS[1], "data", ARGV[2])
          if ARGV[3] == "0" then
            redis.call("HSET", KEYS[1], "first-write", 0)
          end
          return redis.call("HINCRBY", KEYS[1], "version", 1)
        end
        return redis.error_reply("failed to set key " .. KEYS[1])
        """;

    /// <summary>KEYS[1] key; ARGV[1] expected version ("0" = unconditional). A missing key counts as deleted.</summary>
    public const string Delete = """
        local current = redis.pcall("HGET", KEYS[1], "version")
        if (not current) or type(current) == "table" or current == "" or current == ARGV[1] or ARGV[1] == "0" then
          return redis.call("DEL", KEYS[1])
        end
        return redis.error_reply("failed to delete " .. KEYS[1])
        """;
}
