using System.Text.Json.Serialization;

namespace AmazonScale.Sessions.Events;

/// <summary>
/// Published on "broadcast" by a session's actor whenever its access token stops being valid (rotation or end), so
/// every instance drops its cached snapshot; the next validation reads through the actor. Events use Dapr's camelCase
/// JSON, pinned here because this service's HTTP API speaks snake_case.
/// </summary>
public sealed record SessionChanged(
    [property: JsonPropertyName("sessionId")] string SessionId,
    [property: JsonPropertyName("generation")] int Generation,
    [property: JsonPropertyName("ended")] bool Ended);
