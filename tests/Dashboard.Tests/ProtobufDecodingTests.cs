using AmazonScale.Dashboard.Otlp;
using AmazonScale.Dashboard.Telemetry;
using Google.Protobuf;

namespace AmazonScale.Dashboard.Tests;

/// <summary>Hand-built protobuf for the shapes the .NET SDK does not emit (packed/unpacked repeats, exponential histograms, hostile input).</summary>
public sealed class ProtobufDecodingTests
{
    [Fact]
    public void Exponential_histogram_with_packed_counts_is_converted_to_upper_bound_buckets()
    {
        var point = Message(w =>
        {
            Fixed64(w, 3, 1_700_000_000_000_000_000);
            Fixed64(w, 4, 5);
            w.WriteTag(6, WireFormat.WireType.Varint);
            w.WriteSInt32(1); // scale 1: base √2
            Fixed64(w, 7, 1);
            Nested(w, 8, Message(b =>
            {
                b.WriteTag(1, WireFormat.WireType.Varint);
                b.WriteSInt32(-1);
                Nested(b, 2, Message(packed =>
                {
                    packed.WriteUInt64(3);
                    packed.WriteUInt64(1);
                }));
            }));
        });
        var request = ResourceEnvelope("svc", scopeItemField: 2, Message(metric =>
        {
            metric.WriteTag(1, WireFormat.WireType.LengthDelimited);
            metric.WriteString("payload.size");
            Nested(metric, 10, Message(histogram => Nested(histogram, 1, point)));
        }));

        var metrics = MetricMapper.Map(ProtobufToJson.Decode(request, OtlpSchema.ExportMetricsServiceRequest));

        var data = Assert.Single(metrics);
        Assert.Equal(("svc", "payload.size", InstrumentKind.ExponentialHistogram), (data.Service, data.Name, data.Kind));
        var decoded = Assert.Single(data.Points);
        Assert.Equal(5UL, decoded.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), decoded.Time);
        // Offset -1 at scale 1: buckets (√2^-1, √2^0] = (0.707, 1] holding 3 and (1, √2] holding 1.
        Assert.Collection(
            decoded.Buckets!,
            zero => Assert.Equal(new HistogramBucket(0, 1), zero),
            first => Assert.Equal((1.0, 3UL), (first.UpperBound!.Value, first.Count)),
            second =>
            {
                Assert.Equal(Math.Sqrt(2), second.UpperBound!.Value, precision: 12);
                Assert.Equal(1UL, second.Count);
            });
    }

    [Fact]
    public void Unpacked_repeated_scalars_and_unknown_fields_are_accepted()
    {
        var point = Message(w =>
        {
            Fixed64(w, 3, 1_700_000_000_000_000_000);
            Fixed64(w, 4, 3);
            foreach (var count in new ulong[] { 1, 2 })
            {
                Fixed64(w, 6, count); // bucket_counts written one by one instead of packed
            }

            w.WriteTag(7, WireFormat.WireType.Fixed64);
            w.WriteDouble(10);
            w.WriteTag(99, WireFormat.WireType.LengthDelimited);
            w.WriteString("a field from a future OTLP version");
        });
        var request = ResourceEnvelope("svc", scopeItemField: 2, Message(metric =>
        {
            metric.WriteTag(1, WireFormat.WireType.LengthDelimited);
            metric.WriteString("latency");
            Nested(metric, 9, Message(histogram => Nested(histogram, 1, point)));
        }));

        var decoded = Assert.Single(Assert.Single(MetricMapper.Map(ProtobufToJson.Decode(request, OtlpSchema.ExportMetricsServiceRequest))).Points);

        Assert.Equal([new HistogramBucket(10, 1), new HistogramBucket(null, 2)], decoded.Buckets!);
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_is_rejected()
    {
        var request = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint); // resource_spans must be length-delimited
            w.WriteInt32(7);
        });

        var error = Assert.Throws<OtlpFormatException>(() => ProtobufToJson.Decode(request, OtlpSchema.ExportTraceServiceRequest));
        Assert.Contains("resourceSpans", error.Message);
    }

    [Fact]
    public void Attribute_values_nested_too_deeply_are_rejected()
    {
        var value = Message(any => { any.WriteTag(1, WireFormat.WireType.LengthDelimited); any.WriteString("leaf"); });
        for (var i = 0; i < 40; i++)
        {
            var inner = value;
            value = Message(any => Nested(any, 5, Message(array => Nested(array, 1, inner))));
        }

        var attribute = Message(kv =>
        {
            kv.WriteTag(1, WireFormat.WireType.LengthDelimited);
            kv.WriteString("deep");
            Nested(kv, 2, value);
        });
        var request = Message(w => Nested(w, 1, Message(resourceSpans => Nested(resourceSpans, 1, Message(resource => Nested(resource, 1, attribute))))));

        Assert.Throws<OtlpFormatException>(() => ProtobufToJson.Decode(request, OtlpSchema.ExportTraceServiceRequest));
    }

    /// <summary>request { 1: Resource* { 1: resource { 1: service.name }, 2: Scope* { scopeItemField: item } } }.</summary>
    private static byte[] ResourceEnvelope(string service, int scopeItemField, byte[] item) =>
        Message(w => Nested(w, 1, Message(group =>
        {
            Nested(group, 1, Message(resource => Nested(resource, 1, Message(kv =>
            {
                kv.WriteTag(1, WireFormat.WireType.LengthDelimited);
                kv.WriteString("service.name");
                Nested(kv, 2, Message(any => { any.WriteTag(1, WireFormat.WireType.LengthDelimited); any.WriteString(service); }));
            }))));
            Nested(group, 2, Message(scope => Nested(scope, scopeItemField, item)));
        })));

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static void Nested(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void Fixed64(CodedOutputStream output, int field, ulong value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed64);
        output.WriteFixed64(value);
    }
}
