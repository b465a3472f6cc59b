namespace AmazonScale.Dashboard.Telemetry;

public sealed record InstrumentSummary(
    string Meter,
    string Name,
    string Description,
    string Unit,
    InstrumentKind Kind,
    bool IsMonotonic,
    AggregationTemporality Temporality,
    int PointCount);
