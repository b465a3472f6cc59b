namespace AmazonScale.Dashboard.Telemetry;

/// <summary>
/// Metrics per service → meter → instrument, each instrument keeping its newest MaxPointsPerInstrument points
/// (all replicas and attribute sets together; a point carries its instance id and attributes).
/// </summary>
public sealed class MetricStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<(string Meter, string Name), InstrumentSeries>> _services =
        new(StringComparer.OrdinalIgnoreCase);

    public void Add(IEnumerable<MetricData> metrics)
    {
        lock (_gate)
        {
            foreach (var metric in metrics)
            {
                if (!_services.TryGetValue(metric.Service, out var instruments))
                {
                    instruments = [];
                    _services.Add(metric.Service, instruments);
                }

                if (!instruments.TryGetValue((metric.Meter, metric.Name), out var series))
                {
                    // A runaway instrument factory must not grow memory without bound: new names beyond the cap are dropped.
                    if (instruments.Count >= limits.MaxInstrumentsPerResource)
                    {
                        continue;
                    }

                    series = new InstrumentSeries(limits.MaxPointsPerInstrument);
                    instruments.Add((metric.Meter, metric.Name), series);
                }

                series.Latest = metric;
                foreach (var point in metric.Points)
                {
                    series.Points.Add(point);
                }
            }
        }
    }

    public IReadOnlyList<string> Services()
    {
        lock (_gate)
        {
            return [.. _services.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The service's instruments ordered by meter and name, or null when the service sent no metrics.</summary>
    public IReadOnlyList<InstrumentSummary>? Instruments(string service)
    {
        lock (_gate)
        {
            return _services.TryGetValue(service, out var instruments)
                ? [.. instruments.Values.Select(s => s.Summarize()).OrderBy(s => s.Meter, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)]
                : null;
        }
    }

    /// <summary>The instrument's metadata and retained points oldest first, or null when unknown.</summary>
    public (InstrumentSummary Instrument, IReadOnlyList<MetricPoint> Points)? Instrument(string service, string meter, string name)
    {
        lock (_gate)
        {
            if (!_services.TryGetValue(service, out var instruments) || !instruments.TryGetValue((meter, name), out var series))
            {
                return null;
            }

            List<MetricPoint> points = [.. series.Points.NewestFirst()];
            points.Reverse();
            return (series.Summarize(), points);
        }
    }

    private sealed class InstrumentSeries(int capacity)
    {
        public RingBuffer<MetricPoint> Points { get; } = new(capacity);

        public MetricData Latest { get; set; } = null!;

        public InstrumentSummary Summarize() => new(
            Latest.Meter, Latest.Name, Latest.Description, Latest.Unit, Latest.Kind, Latest.IsMonotonic, Latest.Temporality, Points.Count);
    }
}
