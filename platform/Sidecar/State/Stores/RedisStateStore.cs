using System.Globalization;
using AmazonScale.Sidecar.Components;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.redis with components-contrib's layout: each key a hash with "data" (the raw value bytes) and
/// "version" (the integer ETag), conditional writes by Lua script, TTL with EXPIRE/PERSIST after the write,
/// transactions as one check-then-apply Lua script (all-or-nothing). A non-numeric ETag on a write is ETagInvalid.
/// Like the real component, reads do not report ttlExpireTime.
/// </summary>
public sealed class RedisStateStore(ConnectionMultiplexer connection, int database, TimeSpan? defaultTtl, IReadOnlyList<string> capabilities)
    : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private const string NoVersion = "0";

    private IDatabase Db => connection.GetDatabase(database);

    public IReadOnlyList<string> Capabilities => capabilities;

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var fields = await Db.HashGetAllAsync(key);
        if (fields.Length == 0)
        {
            return null;
        }
        RedisValue data = RedisValue.Null, version = RedisValue.Null;
        foreach (var field in fields)
        {
            if (field.Name == "data")
            {
                data = field.Value;
            }
            else if (field.Name == "version")
            {
                version = field.Value;
            }
        }
        if (data.IsNull || version.IsNull)
        {
            throw new InvalidOperationException("required hash field 'data' or 'version' was not found");
        }
        return new StateEntry((byte[])data!, IsBinary: false, version.ToString(), ExpiresAt: null);
    }

    public async Task SetAsync(StateSetRequest request, CancellationToken cancellationToken)
    {
        var expected = ExpectedVersion(request);
        try
        {
            await Db.ScriptEvaluateAsync(RedisStateScripts.Set, [request.Key], [expected, request.Value.Bytes, FirstWriteFlag(request)]);
        }
        catch (RedisServerException ex) when (request.ETag is not null)
        {
            throw new StateETagMismatchException(request.Key, ex);
        }
        await ApplyTtlAsync(Db, request);
    }

    public async Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await Db.ScriptEvaluateAsync(RedisStateScripts.Delete, [request.Key], [request.ETag ?? NoVersion]);
        }
        catch (RedisServerException ex)
        {
            throw new StateETagMismatchException(request.Key, ex);
        }
    }

    /// <summary>
    /// One Lua script that checks every operation's condition before writing anything, so a stale ETag or a
    /// first-write insert over an existing key fails the whole transaction with nothing applied. (daprd's Multi
    /// queues one EVAL per operation in MULTI/EXEC, which leaves earlier operations applied; all-or-nothing is
    /// the stricter contract callers already assume of a transaction.)
    /// </summary>
    public async Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[operations.Count];
        var args = new List<RedisValue>(operations.Count * RedisStateScripts.TransactionArgsPerOperation);
        for (var i = 0; i < operations.Count; i++)
        {
            keys[i] = operations[i].Key;
            args.AddRange(operations[i] switch
            {
                StateUpsert { Request: var set } => TransactionSetArgs(set),
                StateDelete { Request: var delete } => ["del", delete.ETag ?? NoVersion, RedisValue.EmptyString, "1", RedisValue.EmptyString],
                var other => throw new ArgumentException($"unknown operation {other.GetType().Name}", nameof(operations)),
            });
        }
        try
        {
            await Db.ScriptEvaluateAsync(RedisStateScripts.Transaction, keys, [.. args]);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith(RedisStateScripts.ETagMismatchError + " ", StringComparison.Ordinal))
        {
            throw new StateETagMismatchException(ex.Message[(RedisStateScripts.ETagMismatchError.Length + 1)..], ex);
        }
    }

    private RedisValue[] TransactionSetArgs(StateSetRequest request)
    {
        var ttl = request.Ttl ?? defaultTtl;
        return
        [
            "set",
            ExpectedVersion(request),
            request.Value.Bytes,
            FirstWriteFlag(request),
            ttl is { } value ? (long)value.TotalMilliseconds : RedisValue.EmptyString,
        ];
    }

    /// <summary>"0" marks a first-write hash, as in daprd's set script.</summary>
    private static string FirstWriteFlag(StateSetRequest request) => request.Concurrency == StateConcurrency.FirstWrite ? "0" : "1";

    /// <summary>last-write ignores the ETag in daprd's Redis store; otherwise the ETag must be the integer version.</summary>
    private static string ExpectedVersion(StateSetRequest request)
    {
        if (request.Concurrency == StateConcurrency.LastWrite || request.ETag is null)
        {
            return NoVersion;
        }
        return int.TryParse(request.ETag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? request.ETag
            : throw new StateETagInvalidException(request.Key, request.ETag);
    }

    /// <summary>The item's ttlInSeconds, else the component's default: &gt; 0 sets EXPIRE, ≤ 0 (e.g. -1) removes any TTL.</summary>
    private Task ApplyTtlAsync(IDatabaseAsync target, StateSetRequest request)
    {
        var ttl = request.Ttl ?? defaultTtl;
        return ttl switch
        {
            null => Task.CompletedTask,
            { } positive when positive > TimeSpan.Zero => target.KeyExpireAsync(request.Key, positive),
            _ => target.KeyPersistAsync(request.Key),
        };
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
