namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Polls a condition until it holds or the timeout passes (no fixed sleeps in tests).</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout}: {because}");
            }
            await Task.Delay(25);
        }
    }
}
