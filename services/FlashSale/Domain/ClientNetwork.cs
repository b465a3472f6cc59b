using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// The network a client address belongs to for bot defence: its IPv4 /24 or IPv6 /48 (an IPv4-mapped IPv6 address
/// counts as IPv4). A farm of bots that each stay under the per-IP limit usually sits in a few such networks; humans
/// are spread over many.
/// </summary>
public static class ClientNetwork
{
    public const int IPv4PrefixLength = 24;
    public const int IPv6PrefixLength = 48;

    public static string Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        // Every join asks: the bytes stay on the stack and an IPv4 network is formatted without an address object.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/{IPv4PrefixLength}");
        }
        for (var bit = IPv6PrefixLength; bit < length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return $"{new IPAddress(bytes[..length])}/{IPv6PrefixLength}";
    }
}
