using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// Task ids name their home: <c>{t|k}{type hash, 8}{shard, 1}{random or key hash, 17}</c>. Characters 1-9 are the id
/// of the task shard actor that owns the task, so any instance routes any call about a task without a lookup. With an
/// Idempotency-Key the id is derived from the key (and the task type), so a repeated submission lands on the same shard,
/// which keeps the first one: no separate key table to lose or race on.
/// </summary>
public static class TaskIds
{
    public const int MaxShards = 32;
    private const int TypeHashLength = 8;
    private const int TailLength = 17;
    private const int Length = 1 + TypeHashLength + 1 + TailLength;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New(string taskType, int shard) => Compose('t', taskType, shard, RandomNumberGenerator.GetBytes(16));

    /// <summary>The same key and type always give the same id; the shard is picked by the key among <paramref name="shards"/>.</summary>
    public static string FromIdempotencyKey(string key, string taskType, int shards)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Compose('k', taskType, hash[^1] % shards, hash);
    }

    public static bool IsValid(string id) =>
        id.Length == Length && id[0] is 't' or 'k' && id.AsSpan(1).IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>Derived from an idempotency key (may be submitted again), not random (new by construction).</summary>
    public static bool IsKeyDerived(string taskId) => taskId[0] == 'k';

    /// <summary>The id of the shard actor that owns a (valid) task id.</summary>
    public static string ShardOf(string taskId) => taskId.Substring(1, TypeHashLength + 1);

    /// <summary>The shard actor ids of a task type, in shard order.</summary>
    public static IReadOnlyList<string> ShardsOf(string taskType, int shards)
    {
        var typeHash = TypeHash(taskType);
        return Enumerable.Range(0, shards).Select(shard => typeHash + Alphabet[shard]).ToList();
    }

    private static string Compose(char kind, string taskType, int shard, byte[] tail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, MaxShards);
        return $"{kind}{TypeHash(taskType)}{Alphabet[shard]}{Encode(tail, TailLength)}";
    }

    private static string TypeHash(string taskType) => Encode(SHA256.HashData(Encoding.UTF8.GetBytes(taskType)), TypeHashLength);

    private static string Encode(byte[] bytes, int length)
    {
        var text = new StringBuilder(length);
        var bits = 0;
        var buffer = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && text.Length < length)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }
        return text.ToString();
    }
}
