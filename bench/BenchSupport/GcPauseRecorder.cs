using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AmazonScale.Bench;

/// <summary>
/// The stop-the-world GC pauses of a running .NET process, read from outside through its diagnostics port (an EventPipe
/// session on the runtime's GC events, informational level: a few events per collection), so the service itself is
/// unchanged. A pause lasts from the runtime suspending for a GC to it restarting the threads; while it lasts no request
/// of that process makes progress, so each pause lands whole in the latency of the requests in flight.
/// </summary>
public sealed class GcPauseRecorder : IAsyncDisposable
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly List<(DateTime At, int Generation)> _collections = [];
    private readonly List<(DateTime At, double Milliseconds)> _pauses = [];
    private readonly List<(DateTime At, long Bytes)> _promotedFromGen0 = [];
    private (DateTime At, double RelativeMs)? _suspended;
    private bool _stopped;

    private GcPauseRecorder(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Clr.GCStart += gc => _collections.Add((gc.TimeStamp, gc.Depth));
        _source.Clr.GCSuspendEEStart += suspend =>
            _suspended = suspend.Reason is GCSuspendEEReason.SuspendForGC or GCSuspendEEReason.SuspendForGCPrep ? (suspend.TimeStamp, suspend.TimeStampRelativeMSec) : null;
        _source.Clr.GCRestartEEStop += restart =>
        {
            if (_suspended is { } suspended)
            {
                _pauses.Add((suspended.At, restart.TimeStampRelativeMSec - suspended.RelativeMs));
                _suspended = null;
            }
        };
        _source.Clr.GCHeapStats += stats => _promotedFromGen0.Add((stats.TimeStamp, stats.TotalPromotedSize0));
        // Process() blocks until the session ends: on a thread-pool thread it would hold one of the pool's few threads
        // (2 on this box) for the whole case and stall the load generator's continuations until the pool injects more.
        _processing = Task.Factory.StartNew(_source.Process, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static GcPauseRecorder Start(int processId) => new(new DiagnosticsClient(processId).StartEventPipeSession(
        [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC)], requestRundown: false));

    /// <summary>Ends the session (the runtime flushes what it buffered) and waits until every event is read.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The process is gone; its stream ends by itself.
        }
        await _processing;
    }

    /// <summary>One line: collections per generation, pauses (count, total, share of the window, p50/p99/max) and gen0 promotion, between two wall-clock times.</summary>
    public string Describe(DateTime from, DateTime to)
    {
        bool Within(DateTime at) => at >= from && at < to;
        var collections = _collections.Where(gc => Within(gc.At)).ToList();
        var pauses = _pauses.Where(pause => Within(pause.At)).Select(pause => pause.Milliseconds).Order().ToList();
        var promoted = _promotedFromGen0.Where(stats => Within(stats.At)).Select(stats => stats.Bytes).DefaultIfEmpty().Average();
        var window = to - from;
        double Percentile(double p) => pauses.Count == 0 ? 0 : pauses[Math.Min(pauses.Count - 1, (int)Math.Ceiling(p * pauses.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{collections.Count} GCs in {window.TotalSeconds:0.#} s (gen0 {collections.Count(gc => gc.Generation == 0)}, gen1 {collections.Count(gc => gc.Generation == 1)}, gen2 {collections.Count(gc => gc.Generation == 2)}), "
            + $"paused {pauses.Sum():0} ms ({pauses.Sum() / window.TotalMilliseconds:0.0%}; {pauses.Sum() / window.TotalSeconds * 2:0} ms per 2 s), pause p50 {Percentile(0.5):0.0} / p99 {Percentile(0.99):0.0} / max {Percentile(1):0.0} ms, "
            + $"{promoted / 1_048_576:0.00} MB promoted out of gen0 per GC");
    }

    /// <summary>GC pause total/max ms in each <paramref name="window"/> from <paramref name="from"/> to <paramref name="to"/> ("12/5 · 30/9").</summary>
    public string PerWindow(DateTime from, DateTime to, TimeSpan window) =>
        string.Join(" · ", Enumerable.Range(0, (int)Math.Ceiling((to - from) / window)).Select(index =>
        {
            var (start, end) = (from + index * window, from + (index + 1) * window);
            var pauses = _pauses.Where(pause => pause.At >= start && pause.At < end).Select(pause => pause.Milliseconds).DefaultIfEmpty().ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{pauses.Sum():0}/{pauses.Max():0}");
        }));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _source.Dispose();
        _session.Dispose();
    }
}
