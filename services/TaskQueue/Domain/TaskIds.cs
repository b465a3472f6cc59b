using System.Buffers.Binary;
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
    private const int WindowsPerSecond = 32;
    private const int WindowBits = 25;
    private const int RandomBits = TailLength * 5 - WindowBits;

    /// <summary>
    /// A new random id. Its tail starts with the time in 1/32 s (5 characters, wrapping every ~12 days), then 60 random
    /// bits: ids created together are close together in a store's key index, so a shard commit of hundreds of tasks
    /// updates a few index pages instead of one per task (with wholly random ids every new record landed on its own
    /// page of a SQLite index that keeps growing). Two ids collide only when created in the same 1/32 s window of the
    /// same shard with the same 60 bits.
    /// </summary>
    public static string New(string taskType, int shard, DateTimeOffset now)
    {
        var window = (UInt128)((ulong)(now.ToUnixTimeMilliseconds() * WindowsPerSecond / 1000) & ((1UL << WindowBits) - 1));
        var random = (UInt128)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) & ((1UL << RandomBits) - 1));
        var tail = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(tail, ((window << RandomBits) | random) << (128 - WindowBits - RandomBits));
        return Compose('t', taskType, shard, tail);
    }

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
