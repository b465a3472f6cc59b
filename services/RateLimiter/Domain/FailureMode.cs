using System.Text.Json.Serialization;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>What a global policy does while its budget owner cannot be reached.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailureMode>))]
public enum FailureMode
{
    /// <summary>Keep deciding with a per-instance counter of the full limit (availability over accuracy).</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Deny everything the policy covers until the owner answers again.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,
}
