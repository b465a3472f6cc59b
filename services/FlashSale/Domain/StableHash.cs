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
}
