using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmazonScale.Sessions.Domain;

/// <summary>Written as "web" / "mobile" / "api" everywhere: the HTTP API, actor state and the security events other services read.</summary>
[JsonConverter(typeof(DevicePlatformJsonConverter))]
public enum DevicePlatform
{
    Web,
    Mobile,
    Api,
}

public sealed class DevicePlatformJsonConverter() : JsonStringEnumConverter<DevicePlatform>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
