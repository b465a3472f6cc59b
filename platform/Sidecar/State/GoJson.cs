using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// Re-encodes a JSON value exactly as daprd stores values that arrive as JSON (HTTP API, gRPC with
/// contentType=application/json): Go decodes them into interface{} and the component json.Marshal()s them
/// again. That means compact output, object keys sorted, numbers as float64 in Go's shortest form, and Go's
/// string escaping (&lt; &gt; &amp; U+2028 U+2029 as \u escapes). Matching it byte for byte keeps the stored data
/// identical to what daprd would have written.
/// </summary>
public static class GoJson
{
    public static byte[] Encode(JsonElement value)
    {
        var builder = new StringBuilder();
        Write(value, builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Parses UTF-8 JSON and re-encodes it; throws JsonException when it is not valid JSON.</summary>
    public static byte[] Encode(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return Encode(document.RootElement);
    }

    private static void Write(JsonElement value, StringBuilder output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject().GroupBy(p => p.Name).Select(g => g.Last()).OrderBy(p => p.Name, Utf8Order.Instance))
                {
                    if (!first)
                    {
                        output.Append(',');
                    }
                    first = false;
                    WriteString(property.Name, output);
                    output.Append(':');
                    Write(property.Value, output);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        output.Append(',');
                    }
                    Write(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, output);
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(value.GetDouble()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    /// <summary>Go's encoding/json float64 format: 'f' notation for 1e-6 ≤ |x| &lt; 1e21, otherwise 'e' with a short exponent.</summary>
    internal static string FormatNumber(double number)
    {
        var shortest = number.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E');
        if (e < 0)
        {
            return shortest;
        }
        var mantissa = shortest[..e];
        var power = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var abs = Math.Abs(number);
        if (abs < 1e-6 || abs >= 1e21)
        {
            // Go prints at least two exponent digits, then encoding/json trims "e-07" to "e-7".
            var digits = Math.Abs(power).ToString(power > 0 ? "00" : "0", CultureInfo.InvariantCulture);
            return $"{mantissa}e{(power < 0 ? '-' : '+')}{digits}";
        }
        return ExpandExponent(mantissa, power);
    }

    /// <summary>Writes "d.dddE±p" in plain decimal notation without rounding (the digits are already shortest round-trip).</summary>
    private static string ExpandExponent(string mantissa, int power)
    {
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        var point = 1 + power;
        string plain;
        if (point <= 0)
        {
            plain = "0." + new string('0', -point) + digits;
        }
        else if (point >= digits.Length)
        {
            plain = digits + new string('0', point - digits.Length);
        }
        else
        {
            plain = digits[..point] + "." + digits[point..];
        }
        return negative ? "-" + plain : plain;
    }

    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: output.Append(c); break;
            }
        }
        output.Append('"');
    }

    /// <summary>Go sorts map keys by their UTF-8 bytes, which differs from UTF-16 ordinal order for surrogate pairs.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
