using System.Globalization;
using AmazonScale.Sidecar.Components;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.redis with components-contrib's layout: each key a hash with "data" (the raw value bytes) and
/// "version" (the integer ETag), conditional writes by Lua script, TTL with EXPIRE/PERSIST after the write,
/// transactions as one MULTI/EXEC (no rollback, as in daprd). A non-numeric ETag on a write is ETagInvalid.
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
        var firstWrite = request.Concurrency == StateConcurrency.FirstWrite ? "0" : "1";
        try
        {
            await Db.ScriptEvaluateAsync(RedisStateScripts.Set, [request.Key], [expected, request.Value.Bytes, firstWrite]);
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
    /// One MULTI/EXEC as in daprd: a failed condition fails its EVAL only, so earlier operations stay applied.
    /// As in daprd's Multi, first-write is not marked inside transactions.
    /// </summary>
    public async Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        var results = new List<Task>();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case StateUpsert { Request: var set }:
                    results.Add(transaction.ScriptEvaluateAsync(RedisStateScripts.Set, [set.Key], [ExpectedVersion(set), set.Value.Bytes, "1"]));
                    results.Add(ApplyTtlAsync(transaction, set));
                    break;
                case StateDelete { Request: var delete }:
                    results.Add(transaction.ScriptEvaluateAsync(RedisStateScripts.Delete, [delete.Key], [delete.ETag ?? NoVersion]));
                    break;
            }
        }
        await transaction.ExecuteAsync();
        var failure = await FirstFailureAsync(results);
        if (failure is not null)
        {
            throw new InvalidOperationException(failure.Message, failure);
        }
    }

    private static async Task<Exception?> FirstFailureAsync(IEnumerable<Task> results)
    {
        Exception? first = null;
        foreach (var result in results)
        {
            try
            {
                await result;
            }
            catch (RedisException ex)
            {
                first ??= ex;
            }
        }
        return first;
    }

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
