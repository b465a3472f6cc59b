using System.Text.Json.Serialization;

namespace AmazonScale.RateLimiter.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<PolicyScope>))]
public enum PolicyScope
{
    /// <summary>One budget shared by every instance, handed out as leases by its owner.</summary>
    [JsonStringEnumMemberName("global")]
    Global,

    /// <summary>Each instance enforces the limit on its own (no coordination, no slack bound across instances).</summary>
    [JsonStringEnumMemberName("local")]
    Local,
}
