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
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? IPv4PrefixLength : IPv6PrefixLength;
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
