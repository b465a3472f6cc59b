namespace AmazonScale.Hosting.Orchestration;

/// <summary>Where the AppHost's own console lines go (progress per resource, the "started" banner).</summary>
public interface IProgressReporter
{
    void Report(string resourceName, string message);

    void Announce(string line);
}

/// <summary>Writes to the AppHost's console.</summary>
public sealed class ConsoleProgressReporter : IProgressReporter
{
    private readonly Lock _gate = new();

    public void Report(string resourceName, string message) => Announce($"      {resourceName}: {message}");

    public void Announce(string line)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
