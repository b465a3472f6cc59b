using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Actors.Timing;
using AmazonScale.Sidecar.Errors;

namespace AmazonScale.Sidecar.Actors.Scheduling;

/// <summary>
/// The body of a timer or reminder registration: dueTime, period and ttl as registered (kept verbatim
/// to echo back), the timer's callback method, and data as an opaque JSON value (the .NET SDK sends a
/// base64 string, the JS SDK any JSON).
/// </summary>
public sealed record ScheduleRequest(string? DueTime, string? Period, string? Ttl, string? Callback, string? DataJson)
{
    public static ScheduleRequest Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new ScheduleRequest(null, null, null, null, null);
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject
                ?? throw CommonErrors.MalformedRequest("expected a JSON object").ToException();
        }
        catch (JsonException ex)
        {
            throw CommonErrors.MalformedRequest(ex.Message).ToException();
        }
        return new ScheduleRequest(Text(json, "dueTime"), Text(json, "period"), Text(json, "ttl"), Text(json, "callback"), json["data"]?.ToJsonString());
    }

    /// <summary>Validates the three time strings; malformed ones are a 400, as in daprd.</summary>
    public ActorSchedule ToSchedule(DateTimeOffset now)
    {
        try
        {
            return ActorSchedule.Create(DueTime, Period, Ttl, now);
        }
        catch (ActorTimeFormatException ex)
        {
            throw ActorErrors.InvalidArgument(ex.Message).ToException();
        }
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
