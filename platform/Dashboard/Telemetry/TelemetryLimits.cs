namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Caps that keep the in-memory store bounded however much telemetry arrives; oldest data goes first.</summary>
public sealed record TelemetryLimits
{
    public int MaxTraces { get; init; } = 10_000;
    public int MaxSpansPerTrace { get; init; } = 5_000;
    public int MaxLogRecords { get; init; } = 50_000;
    public int MaxInstrumentsPerResource { get; init; } = 1_000;
    public int MaxPointsPerInstrument { get; init; } = 1_000;
}
