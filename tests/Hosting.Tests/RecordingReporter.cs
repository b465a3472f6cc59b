using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

/// <summary>Keeps the AppHost's console lines for assertions.</summary>
internal sealed class RecordingReporter : IProgressReporter
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(string resourceName, string message) => Announce($"{resourceName}: {message}");

    public void Announce(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
