using System.Text.Json.Serialization;

namespace AmazonScale.RateLimiter.Events;

/// <summary>
/// Published on the broadcast pub/sub after a policy was written to the state store; every instance
/// re-reads the policy from the store (the source of truth) and applies it. Events use Dapr's camelCase
/// JSON, pinned here because this service's HTTP API speaks snake_case.
/// </summary>
public sealed record PolicyChanged(
    [property: JsonPropertyName("policyId")] string PolicyId,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("deleted")] bool Deleted);
