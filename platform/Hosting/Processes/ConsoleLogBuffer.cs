using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Hosting.Processes;

/// <summary>The last <see cref="Capacity"/> lines a resource printed, numbered so readers can resume after a sequence.</summary>
public sealed class ConsoleLogBuffer(int capacity = ConsoleLogBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConsoleLogLine[] _lines = new ConsoleLogLine[capacity];
    private readonly Lock _gate = new();
    private long _lastSequence;

    public int Capacity => _lines.Length;

    public void Add(string text, bool isError)
    {
        lock (_gate)
        {
            _lastSequence++;
            _lines[(_lastSequence - 1) % _lines.Length] = new ConsoleLogLine(_lastSequence, DateTimeOffset.UtcNow, text, isError);
        }
    }

    /// <summary>The newest stderr line among the last <paramref name="window"/> lines, if any (why a process died, usually).</summary>
    public ConsoleLogLine? LastError(int window = 50)
    {
        long last;
        lock (_gate)
        {
            last = _lastSequence;
        }
        return After(Math.Max(0, last - window)).LastOrDefault(line => line.IsError);
    }

    public IReadOnlyList<ConsoleLogLine> After(long afterSequence)
    {
        lock (_gate)
        {
            var oldestRetained = Math.Max(1, _lastSequence - _lines.Length + 1);
            var first = Math.Max(oldestRetained, afterSequence + 1);
            var result = new List<ConsoleLogLine>((int)Math.Max(0, _lastSequence - first + 1));
            for (var sequence = first; sequence <= _lastSequence; sequence++)
            {
                result.Add(_lines[(sequence - 1) % _lines.Length]);
            }
            return result;
        }
    }
}
