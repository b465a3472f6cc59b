using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmazonScale.RateLimiter.Checks;

/// <summary>
/// Source-generated (de)serialization of the check contracts, read and written on every check: no reflection-built
/// metadata, and responses are written straight to the output without the serializer's generic state machine. Same
/// options as the rest of the API (web defaults, snake_case) so the fast path applies.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CheckBody))]
[JsonSerializable(typeof(CheckResponse))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
