using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Privacy-preserving visitor identity. IPs are anonymised (IPv4 /24, IPv6 /48) before they leave the
/// process; the unique-visitor id is an HMAC of (day, full IP, User-Agent) under a server secret, so it
/// counts distinct visitors per day but cannot be reversed or linked across days.
/// </summary>
public static class VisitorIdentity
{
    public static string? AnonymizeIp(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }

    /// <summary>HMAC-SHA256 of "yyyy-MM-dd\n{ip}\n{user agent}" (UTF-8), first 8 bytes in hex; the material is built in place.</summary>
    public static string DailyVisitorId(ReadOnlySpan<byte> secret, DateOnly day, IPAddress? address, string? userAgent)
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
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(secret, material[..length], mac);
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

    // "yyyy-MM-dd", an address (the longest IPv6 text with a scope id is 56 characters) and two separators.
    private const int MaxDayAndAddressBytes = 10 + 1 + 64 + 1;
    // Enough for the User-Agents the redirect path keeps (512 characters), mostly ASCII.
    private const int StackMaterialBytes = 1024;
}
