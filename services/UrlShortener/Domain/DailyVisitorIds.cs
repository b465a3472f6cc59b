using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Daily visitor ids: HMAC-SHA256 of "yyyy-MM-dd\n{ip}\n{user agent}" (UTF-8) under the server secret, first 8 bytes in
/// hex. One instance keeps one keyed HMAC and resets it after each id (a one-shot HMAC sets its key up again for every
/// click); an instance is not thread-safe, so each click publisher has its own.
/// </summary>
public sealed class DailyVisitorIds(ReadOnlySpan<byte> secret) : IDisposable
{
    // "yyyy-MM-dd", an address (the longest IPv6 text with a scope id is 56 characters) and two separators.
    private const int MaxDayAndAddressBytes = 10 + 1 + 64 + 1;
    // Enough for the User-Agents the redirect path keeps (512 characters), mostly ASCII.
    private const int StackMaterialBytes = 1024;

    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);

    public string For(DateOnly day, IPAddress? address, string? userAgent)
    {
        var agent = userAgent ?? "";
        var capacity = MaxDayAndAddressBytes + Encoding.UTF8.GetMaxByteCount(agent.Length);
        var rented = capacity > StackMaterialBytes ? ArrayPool<byte>.Shared.Rent(capacity) : null;
        try
        {
            Span<byte> material = rented ?? stackalloc byte[StackMaterialBytes];
            day.TryFormat(material, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            material[length++] = (byte)'\n';
            if (address is not null)
            {
                address.TryFormat(material[length..], out var written);
                length += written;
            }
            material[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(agent, material[length..]);
            _hmac.AppendData(material[..length]);
            Span<byte> mac = stackalloc byte[32];
            _hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac[..8]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Dispose() => _hmac.Dispose();
}
