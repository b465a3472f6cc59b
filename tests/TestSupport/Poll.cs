namespace AmazonScale.TestSupport;

/// <summary>Waits for eventually-consistent effects (pub/sub, TTLs, reminders) without fixed sleeps.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last value: {value}");
            }
            await Task.Delay(25);
        }
    }
}
