using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Compile-time JSON metadata for what crosses the sidecar on every shard batch (the batch, its reply, the shard's
/// state values), under the Dapr actor SDK's own conventions (camel case, case-insensitive reads), so the wire and
/// stored forms are the ones reflection produced. Every other type still goes through reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ShardBatch))]
[JsonSerializable(typeof(ShardBatchReply))]
[JsonSerializable(typeof(ShardAudit))]
[JsonSerializable(typeof(ShardLedger))]
[JsonSerializable(typeof(InventoryShardActor.SweepState))]
[JsonSerializable(typeof(ReservationPage))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class ShardJson : JsonSerializerContext
{
    /// <summary>Options for the actor runtime and its proxies: this context first, reflection for the rest.</summary>
    public static JsonSerializerOptions ActorOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(Default, new DefaultJsonTypeInfoResolver()),
    };
}
