namespace AmazonScale.UrlShortener.State;

/// <summary>
/// Serialises writers of the same document inside one process, so optimistic concurrency only has to
/// settle races between instances. A fixed number of stripes keeps memory bounded for any number of keys.
/// </summary>
public sealed class StripedLock
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
