using System.Text;

namespace AmazonScale.FlashSale.Domain;

/// <summary>FNV-1a over UTF-8: the same value in every process and run (string.GetHashCode is randomised per process).</summary>
public static class StableHash
{
    private const int StackLimit = 256;

    public static uint Of(string text)
    {
        // Hashed on every shard and page lookup: short ids are encoded on the stack rather than into a new array.
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        var hash = 2166136261u;
        foreach (var b in utf8[..Encoding.UTF8.GetBytes(text, utf8)])
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    /// <summary>
    /// <see cref="Of"/> with its bits mixed (the 32-bit finalizer of MurmurHash3), for bucketing ids that are also
    /// bucketed by <see cref="Of"/> through a related string: FNV-1a's low bits depend only on the input's low bits, so a
    /// reservation id ("{attempt}-{customer}") taken modulo 128 fell into only 32 values for the customers of one home
    /// shard (customer id modulo 16).
    /// </summary>
    public static uint Mixed(string text)
    {
        var hash = Of(text);
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        hash ^= hash >> 16;
        return hash;
    }
}
