using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The administration key of a service, checked against X-Admin-Key. Both sides are SHA-256 hashed before a fixed-time
/// comparison, so neither the key's content nor its length leaks through timing; the key itself is never logged.
/// </summary>
public sealed class AdminKey
{
    public const string HeaderName = "X-Admin-Key";
    private const int MaxPresentedLength = 512;
    private readonly byte[]? _expectedHash;

    /// <param name="configuredKey">The key from configuration; null or empty disables administration.</param>
    /// <param name="settingName">The configuration key that sets it (e.g. "FlashSale:AdminKey"), named in errors.</param>
    public AdminKey(string? configuredKey, string settingName)
    {
        _expectedHash = configuredKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;
        SettingName = settingName;
    }

    public string SettingName { get; }

    public bool IsConfigured => _expectedHash is not null;

    public bool IsPresentedBy(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();
        return _expectedHash is not null && presented.Length is > 0 and <= MaxPresentedLength
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expectedHash);
    }
}
