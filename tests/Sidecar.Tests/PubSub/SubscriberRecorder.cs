namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>Thread-safe log of every delivery attempt the subscriber apps of one test received.</summary>
public sealed class SubscriberRecorder
{
    private readonly List<ReceivedEvent> _attempts = [];
    private readonly List<ReceivedEvent> _accepted = [];

    public void RecordAttempt(ReceivedEvent received)
    {
        lock (_attempts)
        {
            _attempts.Add(received);
        }
    }

    public void RecordAccepted(ReceivedEvent received)
    {
        lock (_attempts)
        {
            _accepted.Add(received);
        }
    }

    public IReadOnlyList<ReceivedEvent> Attempts(string route)
    {
        lock (_attempts)
        {
            return _attempts.Where(a => a.Route == route).ToList();
        }
    }

    /// <summary>Deliveries the app answered with success.</summary>
    public IReadOnlyList<ReceivedEvent> Accepted(string route)
    {
        lock (_attempts)
        {
            return _accepted.Where(a => a.Route == route).ToList();
        }
    }

    /// <summary>Polls until <paramref name="count"/> successful deliveries reached <paramref name="route"/>.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(string route, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var accepted = Accepted(route);
            if (accepted.Count >= count)
            {
                return accepted;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"expected {count} deliveries to /{route}, got {accepted.Count} (attempts: {Attempts(route).Count})");
            }
            await Task.Delay(25);
        }
    }
}
