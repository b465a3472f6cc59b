using System.Text;
using System.Text.Json;

namespace AmazonScale.Sidecar.Actors.Scheduling;

/// <summary>
/// The JSON daprd PUTs to the app when a timer or reminder fires: {"callback"?, "data"?, "dueTime", "period"},
/// with data exactly as registered and the registered time strings echoed verbatim (the .NET SDK re-parses them).
/// </summary>
public static class CallbackBody
{
    public static string Build(string? callback, string? dataJson, string? dueTime, string? period)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (callback is not null)
            {
                writer.WriteString("callback", callback);
            }
            if (dataJson is not null)
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(dataJson);
            }
            writer.WriteString("dueTime", dueTime ?? "");
            writer.WriteString("period", period ?? "");
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
