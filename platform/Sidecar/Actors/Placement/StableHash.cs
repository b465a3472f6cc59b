using System.Text;

namespace AmazonScale.Sidecar.Actors.Placement;

/// <summary>
/// 64-bit FNV-1a over UTF-8: stable across processes and runtimes (string.GetHashCode is randomised per
/// process), so every sidecar computes the same ring and the same owner.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= Prime;
        }
        // FNV's low bits mix poorly for short, similar keys; a final avalanche spreads them over the ring.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        return hash;
    }
}
