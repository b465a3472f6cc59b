namespace AmazonScale.Sidecar.Actors.Placement;

/// <summary>
/// Consistent hashing with virtual nodes: each member owns the arcs before its points; a key belongs to
/// the first point at or after its hash. Adding or removing a member moves only ~1/n of the keys.
/// </summary>
public sealed class HashRing<TMember> where TMember : notnull
{
    public const int DefaultVirtualNodes = 128;

    private readonly ulong[] _points;
    private readonly TMember[] _owners;

    public HashRing(IEnumerable<TMember> members, Func<TMember, string> memberKey, int virtualNodes = DefaultVirtualNodes)
    {
        var points = new List<(ulong Point, TMember Member)>();
        foreach (var member in members)
        {
            var key = memberKey(member);
            for (var v = 0; v < virtualNodes; v++)
            {
                points.Add((StableHash.Of($"{key}#{v}"), member));
            }
        }
        // Ties (astronomically rare) are broken by member key so every process sorts identically.
        points.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : string.CompareOrdinal(memberKey(a.Member), memberKey(b.Member)));
        _points = points.Select(p => p.Point).ToArray();
        _owners = points.Select(p => p.Member).ToArray();
    }

    public bool IsEmpty => _points.Length == 0;

    public TMember? OwnerOf(string key)
    {
        if (_points.Length == 0)
        {
            return default;
        }
        var hash = StableHash.Of(key);
        var index = Array.BinarySearch(_points, hash);
        if (index < 0)
        {
            index = ~index;
        }
        return _owners[index == _points.Length ? 0 : index];
    }
}
