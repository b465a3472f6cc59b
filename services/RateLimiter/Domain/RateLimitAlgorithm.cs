using System.Text.Json.Serialization;

namespace AmazonScale.RateLimiter.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<RateLimitAlgorithm>))]
public enum RateLimitAlgorithm
{
    [JsonStringEnumMemberName("token_bucket")]
    TokenBucket,
    [JsonStringEnumMemberName("sliding_window_log")]
    SlidingWindowLog,
    [JsonStringEnumMemberName("sliding_window_counter")]
    SlidingWindowCounter,
    [JsonStringEnumMemberName("fixed_window")]
    FixedWindow,
}
