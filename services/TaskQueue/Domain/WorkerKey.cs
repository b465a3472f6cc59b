using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// Worker credentials: <c>tqw_{key id}_{secret}</c>. Only the SHA-256 of the whole key is stored; the id in clear finds
/// the stored hash, and the comparison is constant-time. <see cref="TaskTypes"/> empty = every type.
/// </summary>
public sealed record WorkerKey(string KeyId, string Name, string Hash, IReadOnlyList<string> TaskTypes, DateTimeOffset CreatedAt)
{
    public const string Prefix = "tqw_";
    private const int MaxPresentedLength = 256;

    /// <summary>A new key and its stored form; the key itself is shown once and never kept.</summary>
    public static (string Key, WorkerKey Stored) Create(string name, IReadOnlyList<string> taskTypes, DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var key = $"{Prefix}{keyId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (key, new WorkerKey(keyId, name, HashOf(key), taskTypes, now));
    }

    /// <summary>The key id a presented key claims, or null when it is not shaped like a worker key.</summary>
    public static string? IdOf(string presented)
    {
        if (presented.Length > MaxPresentedLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var separator = presented.IndexOf('_', Prefix.Length);
        return separator > Prefix.Length ? presented[Prefix.Length..separator] : null;
    }

    public static string HashOf(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public bool IsPresentedBy(string presented) =>
        presented.Length <= MaxPresentedLength && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(HashOf(presented)), Convert.FromBase64String(Hash));

    public bool Allows(IEnumerable<string> taskTypes) => TaskTypes.Count == 0 || taskTypes.All(TaskTypes.Contains);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
