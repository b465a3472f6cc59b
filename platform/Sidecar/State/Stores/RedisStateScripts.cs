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

    /// <summary>Number of ARGV entries each operation of <see cref="Transaction"/> takes.</summary>
    public const int TransactionArgsPerOperation = 5;

    /// <summary>The error code the transaction script replies with when a condition fails; the key follows it.</summary>
    public const string ETagMismatchError = "ETAGMISMATCH";

    /// <summary>
    /// A whole transaction in one script, so it is atomic and all-or-nothing: every condition is checked first
    /// against a simulated view of the keys (so later operations see the effect of earlier ones on the same key),
    /// and only if all pass is anything written. KEYS[i] is operation i's key; its ARGV (5 each) are: kind
    /// ("set" or "del"), expected version ("0" = none), data, "0" when first-write, and the TTL in milliseconds
    /// ("" = keep, ≤ 0 = persist). First-write without an ETag inserts only: it fails if the key exists.
    /// Replies with the error "ETAGMISMATCH &lt;key&gt;" for the first failing key, having written nothing.
    /// </summary>
    public const string Transaction = """
        local views = {}
        local function view(key)
          if views[key] then
            return views[key]
          end
          local version = redis.pcall("HGET", key, "version")
          local guarded = redis.pcall("HGET", key, "first-write")
          local exists = type(version) == "string" and version ~= ""
          local v = { exists = exists, version = exists and version or false, guarded = exists and type(guarded) == "string" }
          views[key] = v
          return v
        end
        for i, key in ipairs(KEYS) do
          local base = (i - 1) * 5
          local kind, expected, firstWrite = ARGV[base + 1], ARGV[base + 2], ARGV[base + 4]
          local v = view(key)
          if kind == "set" then
            local insertOnly = firstWrite == "0" and expected == "0"
            local writable = (not v.exists) or ((not insertOnly) and (v.version == expected or (expected == "0" and not v.guarded)))
            if not writable then
              return redis.error_reply("ETAGMISMATCH " .. key)
            end
            v.version = tostring((v.exists and tonumber(v.version) or 0) + 1)
            v.guarded = (v.exists and v.guarded) or firstWrite == "0"
            v.exists = true
          else
            if v.exists and expected ~= "0" and v.version ~= expected then
              return redis.error_reply("ETAGMISMATCH " .. key)
            end
            v.exists, v.version, v.guarded = false, false, false
          end
        end
        for i, key in ipairs(KEYS) do
          local base = (i - 1) * 5
          if ARGV[base + 1] == "set" then
            if redis.call("TYPE", key).ok ~= "hash" then
              redis.call("DEL", key)
            end
            redis.call("HSET", key, "data", ARGV[base + 3])
            if ARGV[base + 4] == "0" then
              redis.call("HSET", key, "first-write", 0)
            end
            redis.call("HINCRBY", key, "version", 1)
            local ttl = ARGV[base + 5]
            if ttl ~= "" then
              if tonumber(ttl) > 0 then
                redis.call("PEXPIRE", key, ttl)
              else
                redis.call("PERSIST", key)
              end
            end
          else
            redis.call("DEL", key)
          end
        end
        return #KEYS
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
