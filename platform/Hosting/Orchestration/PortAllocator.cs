using System.Net;
using System.Net.Sockets;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Free loopback ports, never the same one twice in a run (the OS could otherwise hand a port out again before its owner binds it).</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _gate = new();

    public int Allocate()
    {
        lock (_gate)
        {
            while (true)
            {
                var port = BindEphemeral();
                if (_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Records a fixed port (a launch profile's) so it is never allocated to another resource.</summary>
    public void Reserve(int port)
    {
        lock (_gate)
        {
            _handedOut.Add(port);
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int BindEphemeral()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
