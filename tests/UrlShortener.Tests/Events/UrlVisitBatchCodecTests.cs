using System.Buffers;
using AmazonScale.UrlShortener.Events;

namespace AmazonScale.UrlShortener.Tests.Events;

public sealed class UrlVisitBatchCodecTests
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    private static readonly UrlVisitBatch Sample = new(-8_765_432_109_876_543_210, [
        new UrlVisited("abc1234", new DateTimeOffset(2026, 11, 23, 6, 45, 1, 234, TimeSpan.Zero).AddTicks(5678), "https://news.example/a", Firefox, "203.0.113.0", "0123456789abcdef", "NL"),
        new UrlVisited("abc1234", new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.FromHours(2)), null, Firefox, "2001:db8:abcd::", "fedcba9876543210", null),
        new UrlVisited("Zz_-909", DateTimeOffset.UnixEpoch, "https://bücher.example/ü", null, null, "0123456789abcdef", "unknown"),
    ]);

    [Fact]
    public void A_batch_decodes_to_the_visits_it_was_encoded_from_at_the_same_instants()
    {
        var decoded = UrlVisitBatchCodec.Decode(Encode(Sample));

        Assert.NotNull(decoded);
        Assert.Equal(Sample.BatchId, decoded.BatchId);
        Assert.Equal(Sample.Visits, decoded.Visits);
        Assert.All(decoded.Visits, visit => Assert.Equal(TimeSpan.Zero, visit.OccurredAt.Offset));
    }

    [Fact]
    public void Repeated_strings_are_written_once()
    {
        var one = Encode(new UrlVisitBatch(1, [Sample.Visits[0]])).Length;
        var many = Encode(new UrlVisitBatch(1, [.. Enumerable.Repeat(Sample.Visits[0], 100)])).Length;

        // Each repeat costs its time and one index per string, not the user agent again.
        Assert.True(many - one < 99 * 16, $"{one} bytes for one visit, {many} for 100");
        Assert.Equal(100, UrlVisitBatchCodec.Decode(Encode(new UrlVisitBatch(1, [.. Enumerable.Repeat(Sample.Visits[0], 100)])))!.Visits.Count);
    }

    [Fact]
    public void An_empty_batch_round_trips() =>
        Assert.Empty(UrlVisitBatchCodec.Decode(Encode(new UrlVisitBatch(7, [])))!.Visits);

    [Fact]
    public void Truncated_or_extended_bytes_are_not_a_batch()
    {
        var bytes = Encode(Sample);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(UrlVisitBatchCodec.Decode(bytes.AsSpan(0, length)));
        }
        Assert.Null(UrlVisitBatchCodec.Decode([.. bytes, 0]));
    }

    [Fact]
    public void Another_version_JSON_or_a_reference_to_an_unseen_string_is_not_a_batch()
    {
        var bytes = Encode(new UrlVisitBatch(1, [Sample.Visits[0]]));
        Assert.Null(UrlVisitBatchCodec.Decode([2, .. bytes.AsSpan(1)]));
        Assert.Null(UrlVisitBatchCodec.Decode("{\"batchId\":1,\"visits\":[]}"u8));
        // Version, id, one visit, then its code as "table entry 5".
        byte[] forward = [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 12, .. new byte[20]];
        Assert.Null(UrlVisitBatchCodec.Decode(forward));
    }

    [Fact]
    public void A_visit_without_code_or_visitor_id_or_with_invalid_UTF8_makes_the_batch_unreadable()
    {
        // Version, id, one visit: absent code.
        Assert.Null(UrlVisitBatchCodec.Decode([1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, .. new byte[20]]));
        // A one-byte code that is not UTF-8.
        Assert.Null(UrlVisitBatchCodec.Decode([1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0xFF, .. new byte[20]]));
        var noVisitor = Sample.Visits[0] with { VisitorId = null! };
        Assert.Null(UrlVisitBatchCodec.Decode(Encode(new UrlVisitBatch(1, [noVisitor]))));
    }

    private static byte[] Encode(UrlVisitBatch batch)
    {
        var output = new ArrayBufferWriter<byte>();
        UrlVisitBatchCodec.Encode(batch, output);
        return output.WrittenSpan.ToArray();
    }
}
