using System.Diagnostics.Metrics;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// Counts the requests one in-process service instance has finished on one route, from ASP.NET Core's own
/// http.server.request.duration measurements of that instance's meter factory (other instances in the test process are
/// not counted): a test can wait until an event delivery has been handled instead of guessing how long it takes.
/// </summary>
public sealed class RouteRequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _route;
    private long _count;

    public RouteRequestCounter(IServiceProvider services, string route)
    {
        _route = route;
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "http.route" && tag.Value as string == _route)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
