namespace AmazonScale.Dashboard.Otlp;

/// <summary>
/// The parts of opentelemetry-proto (common/v1, resource/v1, trace/v1, logs/v1, metrics/v1 and the collector
/// Export*ServiceRequest messages) the dashboard reads, with field numbers from the public .proto files.
/// </summary>
internal static class OtlpSchema
{
    public static readonly ProtoMessage ExportTraceServiceRequest;
    public static readonly ProtoMessage ExportLogsServiceRequest;
    public static readonly ProtoMessage ExportMetricsServiceRequest;

    static OtlpSchema()
    {
        var anyValue = new ProtoMessage("AnyValue");
        var keyValue = new ProtoMessage("KeyValue").Scalar(1, "key", ProtoType.String).Nested(2, "value", anyValue);
        var arrayValue = new ProtoMessage("ArrayValue").Nested(1, "values", anyValue, repeated: true);
        var keyValueList = new ProtoMessage("KeyValueList").Nested(1, "values", keyValue, repeated: true);
        anyValue
            .Scalar(1, "stringValue", ProtoType.String)
            .Scalar(2, "boolValue", ProtoType.Bool)
            .Scalar(3, "intValue", ProtoType.Varint)
            .Scalar(4, "doubleValue", ProtoType.Double)
            .Nested(5, "arrayValue", arrayValue)
            .Nested(6, "kvlistValue", keyValueList)
            .Scalar(7, "bytesValue", ProtoType.Bytes);
        var resource = new ProtoMessage("Resource").Nested(1, "attributes", keyValue, repeated: true);
        var scope = new ProtoMessage("InstrumentationScope")
            .Scalar(1, "name", ProtoType.String)
            .Scalar(2, "version", ProtoType.String)
            .Nested(3, "attributes", keyValue, repeated: true);

        ExportTraceServiceRequest = Envelope("Trace", "resourceSpans", "scopeSpans", "spans", resource, scope, Span(keyValue));
        ExportLogsServiceRequest = Envelope("Logs", "resourceLogs", "scopeLogs", "logRecords", resource, scope, LogRecord(keyValue, anyValue));
        ExportMetricsServiceRequest = Envelope("Metrics", "resourceMetrics", "scopeMetrics", "metrics", resource, scope, Metric(keyValue));
    }

    /// <summary>Every signal nests the same way: request → Resource* (1: resource, 2: Scope*) → Scope* (1: scope, 2: items).</summary>
    private static ProtoMessage Envelope(
        string signal, string resourceField, string scopeField, string itemField, ProtoMessage resource, ProtoMessage scope, ProtoMessage item)
    {
        var scoped = new ProtoMessage($"Scope{signal}").Nested(1, "scope", scope).Nested(2, itemField, item, repeated: true);
        var resourced = new ProtoMessage($"Resource{signal}").Nested(1, "resource", resource).Nested(2, scopeField, scoped, repeated: true);
        return new ProtoMessage($"Export{signal}ServiceRequest").Nested(1, resourceField, resourced, repeated: true);
    }

    private static ProtoMessage Span(ProtoMessage keyValue)
    {
        var spanEvent = new ProtoMessage("Span.Event")
            .Scalar(1, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(2, "name", ProtoType.String)
            .Nested(3, "attributes", keyValue, repeated: true);
        var link = new ProtoMessage("Span.Link")
            .Scalar(1, "traceId", ProtoType.HexId)
            .Scalar(2, "spanId", ProtoType.HexId)
            .Scalar(3, "traceState", ProtoType.String)
            .Nested(4, "attributes", keyValue, repeated: true)
            .Scalar(6, "flags", ProtoType.Fixed32);
        var status = new ProtoMessage("Status")
            .Scalar(2, "message", ProtoType.String)
            .Scalar(3, "code", ProtoType.Varint);
        return new ProtoMessage("Span")
            .Scalar(1, "traceId", ProtoType.HexId)
            .Scalar(2, "spanId", ProtoType.HexId)
            .Scalar(3, "traceState", ProtoType.String)
            .Scalar(4, "parentSpanId", ProtoType.HexId)
            .Scalar(5, "name", ProtoType.String)
            .Scalar(6, "kind", ProtoType.Varint)
            .Scalar(7, "startTimeUnixNano", ProtoType.Fixed64)
            .Scalar(8, "endTimeUnixNano", ProtoType.Fixed64)
            .Nested(9, "attributes", keyValue, repeated: true)
            .Nested(11, "events", spanEvent, repeated: true)
            .Nested(13, "links", link, repeated: true)
            .Nested(15, "status", status)
            .Scalar(16, "flags", ProtoType.Fixed32);
    }

    private static ProtoMessage LogRecord(ProtoMessage keyValue, ProtoMessage anyValue) =>
        new ProtoMessage("LogRecord")
            .Scalar(1, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(2, "severityNumber", ProtoType.Varint)
            .Scalar(3, "severityText", ProtoType.String)
            .Nested(5, "body", anyValue)
            .Nested(6, "attributes", keyValue, repeated: true)
            .Scalar(8, "flags", ProtoType.Fixed32)
            .Scalar(9, "traceId", ProtoType.HexId)
            .Scalar(10, "spanId", ProtoType.HexId)
            .Scalar(11, "observedTimeUnixNano", ProtoType.Fixed64)
            .Scalar(12, "eventName", ProtoType.String);

    private static ProtoMessage Metric(ProtoMessage keyValue)
    {
        var numberPoint = new ProtoMessage("NumberDataPoint")
            .Scalar(2, "startTimeUnixNano", ProtoType.Fixed64)
            .Scalar(3, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(4, "asDouble", ProtoType.Double)
            .Scalar(6, "asInt", ProtoType.SFixed64)
            .Nested(7, "attributes", keyValue, repeated: true)
            .Scalar(8, "flags", ProtoType.Varint);
        var histogramPoint = new ProtoMessage("HistogramDataPoint")
            .Scalar(2, "startTimeUnixNano", ProtoType.Fixed64)
            .Scalar(3, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(4, "count", ProtoType.Fixed64)
            .Scalar(5, "sum", ProtoType.Double)
            .Scalar(6, "bucketCounts", ProtoType.Fixed64, repeated: true)
            .Scalar(7, "explicitBounds", ProtoType.Double, repeated: true)
            .Nested(9, "attributes", keyValue, repeated: true)
            .Scalar(10, "flags", ProtoType.Varint)
            .Scalar(11, "min", ProtoType.Double)
            .Scalar(12, "max", ProtoType.Double);
        var exponentialBuckets = new ProtoMessage("ExponentialHistogramDataPoint.Buckets")
            .Scalar(1, "offset", ProtoType.SInt32)
            .Scalar(2, "bucketCounts", ProtoType.Varint, repeated: true);
        var exponentialPoint = new ProtoMessage("ExponentialHistogramDataPoint")
            .Nested(1, "attributes", keyValue, repeated: true)
            .Scalar(2, "startTimeUnixNano", ProtoType.Fixed64)
            .Scalar(3, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(4, "count", ProtoType.Fixed64)
            .Scalar(5, "sum", ProtoType.Double)
            .Scalar(6, "scale", ProtoType.SInt32)
            .Scalar(7, "zeroCount", ProtoType.Fixed64)
            .Nested(8, "positive", exponentialBuckets)
            .Nested(9, "negative", exponentialBuckets)
            .Scalar(10, "flags", ProtoType.Varint)
            .Scalar(12, "min", ProtoType.Double)
            .Scalar(13, "max", ProtoType.Double)
            .Scalar(14, "zeroThreshold", ProtoType.Double);
        var quantile = new ProtoMessage("SummaryDataPoint.ValueAtQuantile")
            .Scalar(1, "quantile", ProtoType.Double)
            .Scalar(2, "value", ProtoType.Double);
        var summaryPoint = new ProtoMessage("SummaryDataPoint")
            .Scalar(2, "startTimeUnixNano", ProtoType.Fixed64)
            .Scalar(3, "timeUnixNano", ProtoType.Fixed64)
            .Scalar(4, "count", ProtoType.Fixed64)
            .Scalar(5, "sum", ProtoType.Double)
            .Nested(6, "quantileValues", quantile, repeated: true)
            .Nested(7, "attributes", keyValue, repeated: true)
            .Scalar(8, "flags", ProtoType.Varint);

        return new ProtoMessage("Metric")
            .Scalar(1, "name", ProtoType.String)
            .Scalar(2, "description", ProtoType.String)
            .Scalar(3, "unit", ProtoType.String)
            .Nested(5, "gauge", DataPoints("Gauge", numberPoint))
            .Nested(7, "sum", DataPoints("Sum", numberPoint).Scalar(2, "aggregationTemporality", ProtoType.Varint).Scalar(3, "isMonotonic", ProtoType.Bool))
            .Nested(9, "histogram", DataPoints("Histogram", histogramPoint).Scalar(2, "aggregationTemporality", ProtoType.Varint))
            .Nested(10, "exponentialHistogram", DataPoints("ExponentialHistogram", exponentialPoint).Scalar(2, "aggregationTemporality", ProtoType.Varint))
            .Nested(11, "summary", DataPoints("Summary", summaryPoint));
    }

    private static ProtoMessage DataPoints(string name, ProtoMessage point) =>
        new ProtoMessage(name).Nested(1, "dataPoints", point, repeated: true);
}
