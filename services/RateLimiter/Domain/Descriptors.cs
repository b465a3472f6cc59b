namespace AmazonScale.RateLimiter.Domain;

/// <summary>What a check is about: descriptor name → value (client_id, user, api_key, ip, region, resource, …).</summary>
public sealed class Descriptors(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? ClientId => Values.GetValueOrDefault(RateLimitPolicy.ClientIdDescriptor);

    public bool Matches(RateLimitPolicy policy)
    {
        foreach (var (name, value) in policy.Match)
        {
            if (!Values.TryGetValue(name, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var name in policy.Key)
        {
            if (!Values.ContainsKey(name))
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
        1 => Values[policy.Key[0]],
        _ => string.Join('\u001f', policy.Key.Select(name => Values[name])),
    };
}
