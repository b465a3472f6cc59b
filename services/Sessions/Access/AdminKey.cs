using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.Sessions.Access;

/// <summary>
/// Checks X-Admin-Key against the configured key. Both sides are hashed first so the comparison is constant-time
/// whatever the lengths; the key itself is never logged.
/// </summary>
public sealed class AdminKey(SessionsOptions options)
{
    public const string HeaderName = "X-Admin-Key";
    private const int MaxPresentedLength = 512;
    private readonly byte[]? _expectedHash = options.AdminKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public bool IsConfigured => _expectedHash is not null;

    public bool IsPresentedBy(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();
        return _expectedHash is not null && presented.Length is > 0 and <= MaxPresentedLength
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expectedHash);
    }
}
