using System.Net;
using System.Net.Sockets;

namespace AmazonScale.TestSupport;

/// <summary>Finds loopback ports nobody listens on, for servers a test starts.</summary>
/// <remarks>
/// Ports come from below Linux's ephemeral range (32768–60999): a port the kernel hands out for "port 0" can be taken
/// by any outgoing connection before the test's server binds it, which load tests make likely. Within this process a
/// port is never handed out twice; across test processes the random start makes collisions rare and the bind check
/// catches the ports already taken.
/// </remarks>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly HashSet<int> HandedOut = [];
    private static int _next = Random.Shared.Next(First, Last);

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < Last - First; attempt++)
            {
                var port = _next;
                _next = _next == Last ? First : _next + 1;
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
