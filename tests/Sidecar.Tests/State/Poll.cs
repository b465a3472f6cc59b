namespace AmazonScale.Sidecar.Tests.State;

public static class Poll
{
    /// <summary>Re-checks a condition every 100 ms until it holds; fails the test after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }
            await Task.Delay(100);
        }
    }
}
