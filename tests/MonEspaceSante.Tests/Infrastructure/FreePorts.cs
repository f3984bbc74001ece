using System.Net;
using System.Net.Sockets;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>A TCP port free on the loopback interface at the time of asking (the system picks it).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
