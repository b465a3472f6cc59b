using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AmazonScale.UrlShortener.State;
using Microsoft.Extensions.Caching.Memory;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>
/// Issues API keys (32 CSPRNG bytes, shown once) and resolves presented keys by their SHA-256. Resolved
/// keys are cached briefly in-process so authenticated calls do not cost an extra sidecar round trip.
/// </summary>
public sealed class ApiKeys(StateDocuments state, TimeProvider time) : IDisposable
{
    public const int MaxPresentedLength = 128;
    private const string Prefix = "usk_";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _resolved = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<(string Key, ApiKeyRecord Record)> CreateAsync(string name, long monthlyQuota, CancellationToken cancellationToken)
    {
        var key = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, monthlyQuota, time.GetUtcNow());
        if (!await state.TryInsertAsync(StateKeys.ApiKey(Hash(key)), record, ttl: null, cancellationToken))
        {
            throw new InvalidOperationException("a freshly generated API key collided with an existing one.");
        }
        return (key, record);
    }

    public async Task<ApiKeyRecord?> ResolveAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (presentedKey.Length is 0 or > MaxPresentedLength || !presentedKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(presentedKey);
        if (_resolved.TryGetValue(hash, out ApiKeyRecord? cached))
        {
            return cached;
        }
        var record = await state.GetAsync<ApiKeyRecord>(StateKeys.ApiKey(hash), cancellationToken);
        if (record is not null)
        {
            _resolved.Set(hash, record, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheFor });
        }
        return record;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Dispose() => _resolved.Dispose();
}
