namespace AmazonScale.RateLimiter.Domain;

/// <summary>What a check is about: descriptor name → value (client_id, user, api_key, ip, region, resource, …).</summary>
public sealed class Descriptors(Dictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values => values;

    public string? ClientId => values.GetValueOrDefault(RateLimitPolicy.ClientIdDescriptor);

    /// <summary>The pairs without boxing an enumerator (every check walks them to find its policies).</summary>
    public Dictionary<string, string>.Enumerator GetEnumerator() => values.GetEnumerator();

    public bool Matches(RateLimitPolicy policy)
    {
        // Most policies match on nothing: enumerating their empty Match would still box an enumerator per check.
        if (policy.Match.Count > 0)
        {
            foreach (var (name, value) in policy.Match)
            {
                if (!values.TryGetValue(name, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }
        for (var i = 0; i < policy.Key.Count; i++)
        {
            if (!values.ContainsKey(policy.Key[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The counter partition of this check under a policy ("" for a policy-wide counter).</summary>
    public string PartitionFor(RateLimitPolicy policy) => policy.Key.Count switch
    {
        0 => "",
        1 => values[policy.Key[0]],
        _ => string.Join('\u001f', policy.Key.Select(name => values[name])),
    };
}
