using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// Re-encodes a JSON value exactly as daprd stores values that arrive as JSON (HTTP API, gRPC with
/// contentType=application/json): Go decodes them into interface{} and the component json.Marshal()s them
/// again. That means compact output, object keys sorted, numbers as float64 in Go's shortest form, and Go's
/// string escaping (&lt; &gt; &amp; U+2028 U+2029 as \u escapes). Matching it byte for byte keeps the stored data
/// identical to what daprd would have written.
/// Every stored actor record passes through here, so it works on the document's UTF-8 bytes: names, strings and
/// small integers without escapes are copied as they are, and only what Go would change is decoded and re-formatted.
/// </summary>
public static class GoJson
{
    private const int MaxExactIntegerDigits = 15;
    private const int RetainedBufferBytes = 64 * 1024;

    /// <summary>Longer non-integer numbers are left to the full path (their check formats on the stack).</summary>
    private const int MaxFastNumberLength = 32;

    /// <summary>Bytes a Go string encoder does not copy as they are (0xE2 may start U+2028 or U+2029).</summary>
    private static readonly SearchValues<byte> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)'&', (byte)0xE2]);

    /// <summary>What Go escapes that may appear in a JSON string's raw text as it is.</summary>
    private static readonly SearchValues<byte> HtmlSpecial = SearchValues.Create([(byte)'<', (byte)'>', (byte)'&', (byte)0xE2]);

    /// <summary>Escapes Go writes the same way (\/ and \u are decoded by Go and written differently, or not at all).</summary>
    private static readonly SearchValues<byte> SameEscapes = SearchValues.Create("\"\\nrtbf"u8);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Encode(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (IsAsGoWritesIt(raw))
        {
            return raw.ToArray();
        }
        var output = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        t_buffer = null; // A nested call (none today) would get its own buffer.
        try
        {
            Write(value, output);
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            output.ResetWrittenCount();
            if (output.Capacity <= RetainedBufferBytes)
            {
                t_buffer = output;
            }
        }
    }

    /// <summary>Parses UTF-8 JSON and re-encodes it; throws JsonException when it is not valid JSON.</summary>
    public static byte[] Encode(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return Encode(document.RootElement);
    }

    /// <summary>
    /// Whether Go would write this (valid) JSON text byte for byte as it is: compact, every object's keys in strictly
    /// ascending byte order, every name and string copied as it is by <see cref="WriteString"/>, every number one
    /// <see cref="WriteNumber"/> leaves unchanged. A writer that emits that form (the task queue's records) saves the
    /// decode, sort and re-encode; anything else takes the full path, so the stored bytes are the same either way.
    /// </summary>
    internal static bool IsAsGoWritesIt(ReadOnlySpan<byte> json)
    {
        const int maxDepth = 64;
        // Per open object: where its previous key is (start, length); -1 before its first key.
        Span<int> previousKey = stackalloc int[2 * (maxDepth + 1)];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var (depth, end) = (0, 0);
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                var gap = start - end;
                if (gap > 1 || (gap == 1 && json[end] is not ((byte)',' or (byte)':')))
                {
                    return false; // whitespace
                }
                var token = reader.ValueSpan;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        depth++;
                        previousKey[2 * depth] = -1;
                        end = start + 1;
                        break;
                    case JsonTokenType.StartArray:
                        depth++;
                        end = start + 1;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        end = start + 1;
                        break;
                    case JsonTokenType.PropertyName:
                        // Escaped names sort by their decoded bytes: only plain ones are compared here.
                        var keyStart = start + 1;
                        if (token.IndexOf((byte)'\\') >= 0 || !IsCopiedAsItIs(token) || (previousKey[2 * depth] >= 0
                                && json.Slice(previousKey[2 * depth], previousKey[2 * depth + 1]).SequenceCompareTo(token) >= 0))
                        {
                            return false;
                        }
                        (previousKey[2 * depth], previousKey[2 * depth + 1]) = (keyStart, token.Length);
                        end = start + token.Length + 2;
                        break;
                    case JsonTokenType.String:
                        if (!IsCopiedAsItIs(token))
                        {
                            return false;
                        }
                        end = start + token.Length + 2;
                        break;
                    case JsonTokenType.Number:
                        if (!IsNumberAsGoWritesIt(token))
                        {
                            return false;
                        }
                        end = start + token.Length;
                        break;
                    default: // true, false, null
                        end = start + token.Length;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false; // deeper than the buffer: the full path decides
        }
        return end == json.Length;
    }

    /// <summary>A name's or string's raw text that <see cref="WriteString"/> would copy unchanged (escapes only of the kinds Go writes alike).</summary>
    private static bool IsCopiedAsItIs(ReadOnlySpan<byte> raw) => raw.IndexOfAny(HtmlSpecial) < 0 && HasOnlySameEscapes(raw);

    /// <summary>An integer a float64 holds exactly: Go prints the same digits.</summary>
    private static bool IsExactInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == '-' ? raw[1..] : raw;
        return digits.Length <= MaxExactIntegerDigits && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static bool IsNumberAsGoWritesIt(ReadOnlySpan<byte> raw)
    {
        if (IsExactInteger(raw))
        {
            return true;
        }
        if (raw.Length > MaxFastNumberLength)
        {
            return false;
        }
        Span<char> text = stackalloc char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            text[i] = (char)raw[i];
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && FormatNumber(number).AsSpan().SequenceEqual(text);
    }

    private static void Write(JsonElement value, ArrayBufferWriter<byte> output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, output);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        output.Write(","u8);
                    }
                    Write(item, output);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
                if (HasOnlySameEscapes(raw))
                {
                    WriteString(raw, output, alreadyEscaped: true);
                }
                else
                {
                    WriteString(Encoding.UTF8.GetBytes(value.GetString()!), output);
                }
                break;
            case JsonValueKind.Number:
                WriteNumber(value, output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    /// <summary>Keys sorted by their UTF-8 bytes (Go's map order); of duplicate keys the last one wins, as in a Go map.</summary>
    private static void WriteObject(JsonElement value, ArrayBufferWriter<byte> output)
    {
        var (count, nameBytes) = (0, 0);
        foreach (var property in value.EnumerateObject())
        {
            count++;
            nameBytes += JsonMarshal.GetRawUtf8PropertyName(property).Length;
        }
        // Every key's UTF-8 bytes side by side (a decoded key is never longer than its escaped form).
        var names = ArrayPool<byte>.Shared.Rent(nameBytes);
        var members = ArrayPool<Member>.Shared.Rent(count);
        try
        {
            var (n, offset) = (0, 0);
            foreach (var property in value.EnumerateObject())
            {
                var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                var length = raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(property.Name, names.AsSpan(offset)) : Copy(raw, names.AsSpan(offset));
                members[n] = new Member(property.Value, n, offset, length);
                (n, offset) = (n + 1, offset + length);
            }
            var span = members.AsSpan(0, count);
            span.Sort((x, y) => x.Name(names).SequenceCompareTo(y.Name(names)) is var order and not 0 ? order : x.Position.CompareTo(y.Position));
            output.Write("{"u8);
            var first = true;
            for (var i = 0; i < span.Length; i++)
            {
                if (i + 1 < span.Length && span[i].Name(names).SequenceEqual(span[i + 1].Name(names)))
                {
                    continue;
                }
                if (!first)
                {
                    output.Write(","u8);
                }
                first = false;
                WriteString(span[i].Name(names), output);
                output.Write(":"u8);
                Write(span[i].Value, output);
            }
            output.Write("}"u8);
        }
        finally
        {
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
            ArrayPool<byte>.Shared.Return(names);
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static void WriteNumber(JsonElement value, ArrayBufferWriter<byte> output)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (IsExactInteger(raw))
        {
            output.Write(raw);
            return;
        }
        var formatted = FormatNumber(value.GetDouble());
        Encoding.UTF8.GetBytes(formatted, output);
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

    private static bool HasOnlySameEscapes(ReadOnlySpan<byte> raw)
    {
        while (raw.IndexOf((byte)'\\') is var escape and >= 0)
        {
            if (!SameEscapes.Contains(raw[escape + 1]))
            {
                return false;
            }
            raw = raw[(escape + 2)..];
        }
        return true;
    }

    /// <summary>
    /// A string as Go quotes it: <paramref name="text"/> is the decoded string (valid UTF-8), or with
    /// <paramref name="alreadyEscaped"/> a JSON string's raw text whose escapes Go writes the same way.
    /// </summary>
    private static void WriteString(ReadOnlySpan<byte> text, ArrayBufferWriter<byte> output, bool alreadyEscaped = false)
    {
        output.Write("\""u8);
        while (text.IndexOfAny(alreadyEscaped ? HtmlSpecial : Special) is var next and >= 0)
        {
            output.Write(text[..next]);
            var b = text[next];
            if (b == 0xE2)
            {
                // U+2028 and U+2029 (E2 80 A8/A9) are escaped; any other character starting with E2 is copied.
                var separator = text.Length > next + 2 && text[next + 1] == 0x80 && text[next + 2] is 0xA8 or 0xA9;
                output.Write(!separator ? text.Slice(next, 1) : text[next + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
                text = text[(next + (separator ? 3 : 1))..];
                continue;
            }
            ReadOnlySpan<byte> escaped = b switch
            {
                (byte)'"' => "\\\""u8,
                (byte)'\\' => "\\\\"u8,
                (byte)'\n' => "\\n"u8,
                (byte)'\r' => "\\r"u8,
                (byte)'\t' => "\\t"u8,
                (byte)'\b' => "\\b"u8,
                (byte)'\f' => "\\f"u8,
                (byte)'<' => "\\u003c"u8,
                (byte)'>' => "\\u003e"u8,
                (byte)'&' => "\\u0026"u8,
                _ => UnicodeEscape(b),
            };
            output.Write(escaped);
            text = text[(next + 1)..];
        }
        output.Write(text);
        output.Write("\""u8);
    }

    private static byte[] UnicodeEscape(byte b)
    {
        var escape = "\\u0000"u8.ToArray();
        Utf8Formatter.TryFormat(b, escape.AsSpan(4), out _, new StandardFormat('x', 2));
        return escape;
    }

    /// <summary>An object member: its value, position, and where its key's UTF-8 bytes are in the object's name buffer.</summary>
    private readonly record struct Member(JsonElement Value, int Position, int Start, int Length)
    {
        public ReadOnlySpan<byte> Name(byte[] names) => names.AsSpan(Start, Length);
    }
}
