using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// The compact binary form a <see cref="UrlVisitBatch"/> is published in (content type application/octet-stream, so
/// the CloudEvent carries it as one data_base64 string). As JSON, every visit became a tree of values that the sidecar
/// parsed, copied and re-wrote on publish and again on delivery, and that this service parsed once more: per click,
/// not per batch. Here a batch is one opaque value, and the strings that repeat within it (codes, user agents,
/// referrers, addresses) are written once and referred to by index afterwards.
/// Layout: version byte, batch id (int64 LE), visit count (varint), then per visit the code, the time (UTC ticks, int64
/// LE) and referrer, user agent, anonymised IP, visitor id and country. Each string is a varint v: 0 = absent;
/// odd = a new string of v / 2 UTF-8 bytes that follow (the next table entry); even = table entry v / 2 - 1.
/// JSON batches (published before this form existed) are still accepted by the subscriber.
/// </summary>
public static class UrlVisitBatchCodec
{
    public const string ContentType = "application/octet-stream";
    private const byte Version = 1;
    // A visit takes at least its time and one varint per string.
    private const int MinVisitBytes = sizeof(long) + 6;

    public static void Encode(UrlVisitBatch batch, ArrayBufferWriter<byte> output)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = output.GetSpan(1 + sizeof(long));
        header[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], batch.BatchId);
        output.Advance(1 + sizeof(long));
        WriteVarint(output, (ulong)batch.Visits.Count);
        foreach (var visit in batch.Visits)
        {
            WriteString(output, table, visit.Code);
            BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(sizeof(long)), visit.OccurredAt.UtcTicks);
            output.Advance(sizeof(long));
            WriteString(output, table, visit.Referrer);
            WriteString(output, table, visit.UserAgent);
            WriteString(output, table, visit.AnonymizedIp);
            WriteString(output, table, visit.VisitorId);
            WriteString(output, table, visit.Country);
        }
    }

    /// <summary>The batch in <paramref name="data"/>, or null when it is not one (wrong version, truncated, bad index).</summary>
    public static UrlVisitBatch? Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 1 + sizeof(long) || data[0] != Version)
        {
            return null;
        }
        var reader = new Reader(data[(1 + sizeof(long))..]);
        var batchId = BinaryPrimitives.ReadInt64LittleEndian(data[1..]);
        if (!reader.TryReadVarint(out var count) || count > (ulong)(reader.Remaining / MinVisitBytes))
        {
            return null;
        }
        var table = new List<string>();
        var visits = new UrlVisited[(int)count];
        for (var i = 0; i < visits.Length; i++)
        {
            if (!reader.TryReadString(table, out var code) || code is null
                || !reader.TryReadInt64(out var ticks) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !reader.TryReadString(table, out var referrer)
                || !reader.TryReadString(table, out var userAgent)
                || !reader.TryReadString(table, out var anonymizedIp)
                || !reader.TryReadString(table, out var visitorId) || visitorId is null
                || !reader.TryReadString(table, out var country))
            {
                return null;
            }
            visits[i] = new UrlVisited(code, new DateTimeOffset(ticks, TimeSpan.Zero), referrer, userAgent, anonymizedIp, visitorId, country);
        }
        return reader.Remaining == 0 ? new UrlVisitBatch(batchId, visits) : null;
    }

    private static void WriteString(ArrayBufferWriter<byte> output, Dictionary<string, int> table, string? value)
    {
        if (value is null)
        {
            WriteVarint(output, 0);
            return;
        }
        if (table.TryGetValue(value, out var index))
        {
            WriteVarint(output, (ulong)(index + 1) * 2);
            return;
        }
        table[value] = table.Count;
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(output, (ulong)length * 2 + 1);
        output.Advance(Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    private static void WriteVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[written++] = (byte)value;
        output.Advance(written);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly int Remaining => _rest.Length;

        public bool TryReadVarint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64 && _rest.Length > 0; shift += 7)
            {
                var next = _rest[0];
                _rest = _rest[1..];
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return true;
                }
            }
            return false;
        }

        public bool TryReadInt64(out long value)
        {
            if (_rest.Length < sizeof(long))
            {
                value = 0;
                return false;
            }
            value = BinaryPrimitives.ReadInt64LittleEndian(_rest);
            _rest = _rest[sizeof(long)..];
            return true;
        }

        public bool TryReadString(List<string> table, out string? value)
        {
            value = null;
            if (!TryReadVarint(out var tag))
            {
                return false;
            }
            if (tag == 0)
            {
                return true;
            }
            if (tag % 2 == 0)
            {
                var index = tag / 2 - 1;
                if (index >= (ulong)table.Count)
                {
                    return false;
                }
                value = table[(int)index];
                return true;
            }
            var length = tag / 2;
            if (length > (ulong)_rest.Length)
            {
                return false;
            }
            try
            {
                value = Utf8Strict.GetString(_rest[..(int)length]);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
            _rest = _rest[(int)length..];
            table.Add(value);
            return true;
        }
    }

    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
