using System.Collections.Frozen;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// An immutable snapshot of the active policies, indexed so a check only looks at policies that can
/// match it: policies with a Match are filed under one of their (name, value) pairs, the rest apply to all.
/// </summary>
public sealed class PolicySet
{
    private readonly RateLimitPolicy[] _unconditional;
    private readonly FrozenDictionary<(string Name, string Value), RateLimitPolicy[]> _byMatch;

    public PolicySet(IEnumerable<RateLimitPolicy> policies)
    {
        var active = policies.Where(policy => policy.Active).OrderBy(policy => policy.Id, StringComparer.Ordinal).ToArray();
        All = active;
        _unconditional = active.Where(policy => policy.Match.Count == 0).ToArray();
        _byMatch = active
            .Where(policy => policy.Match.Count > 0)
            .GroupBy(policy => policy.Match.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value)).First())
            .ToFrozenDictionary(group => group.Key, group => group.ToArray());
    }

    public static PolicySet Empty { get; } = new([]);

    public IReadOnlyList<RateLimitPolicy> All { get; }

    /// <summary>Every active policy whose match and key descriptors are all present in the check, ordered by id.</summary>
    public List<RateLimitPolicy> Matching(Descriptors descriptors)
    {
        var result = new List<RateLimitPolicy>();
        foreach (var policy in _unconditional)
        {
            if (descriptors.Matches(policy))
            {
                result.Add(policy);
            }
        }
        foreach (var pair in descriptors)
        {
            if (_byMatch.TryGetValue((pair.Key, pair.Value), out var candidates))
            {
                foreach (var policy in candidates)
                {
                    if (descriptors.Matches(policy))
                    {
                        result.Add(policy);
                    }
                }
            }
        }
        if (result.Count > 1)
        {
            result.Sort((left, right) => string.CompareOrdinal(left.Id, right.Id));
        }
        return result;
    }
}
