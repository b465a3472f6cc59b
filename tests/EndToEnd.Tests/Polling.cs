namespace AmazonScale.EndToEnd.Tests;

/// <summary>Retries a probe until it yields a value, instead of sleeping a fixed time.</summary>
internal static class Polling
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        using var expiry = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!expiry.IsCancellationRequested)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.", last);
    }
}
