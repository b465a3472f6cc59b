using System.Net;
using System.Net.Sockets;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Privacy-preserving visitor identity. IPs are anonymised (IPv4 /24, IPv6 /48) before they leave the
/// process; the unique-visitor id is an HMAC of (day, full IP, User-Agent) under a server secret, so it
/// counts distinct visitors per day but cannot be reversed or linked across days (<see cref="DailyVisitorIds"/>).
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
}
