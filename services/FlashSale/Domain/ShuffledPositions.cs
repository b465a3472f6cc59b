namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// A keyed permutation of 1..size without storing it: a 4-round Feistel network over the smallest even-width
/// power of two that holds the range, with cycle walking back into the range. Each ticket maps to a distinct
/// position, so the pre-queue is shuffled with O(1) state (the seed). The mixing is not cryptographic: the seed is
/// drawn when the queue is created and only matters until the sale starts, when the order becomes visible anyway.
/// </summary>
public sealed class ShuffledPositions
{
    private const int Rounds = 4;
    private readonly long _size;
    private readonly ulong _seed;
    private readonly int _halfBits;
    private readonly ulong _halfMask;

    public ShuffledPositions(long size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _size = size;
        _seed = (ulong)seed;
        var bits = 2;
        while ((1L << bits) < size)
        {
            bits++;
        }
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
    }

    /// <summary>The 1-based position of 1-based <paramref name="ticket"/> (1 ≤ ticket ≤ size).</summary>
    public long PositionOf(long ticket)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticket, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticket, _size);
        var value = (ulong)(ticket - 1);
        do
        {
            value = Encrypt(value);
        }
        while (value >= (ulong)_size);
        return (long)value + 1;
    }

    private ulong Encrypt(ulong value)
    {
        var (left, right) = (value >> _halfBits, value & _halfMask);
        for (var round = 0UL; round < Rounds; round++)
        {
            (left, right) = (right, left ^ (Mix(_seed ^ (round << 56) ^ right) & _halfMask));
        }
        return (left << _halfBits) | right;
    }

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
