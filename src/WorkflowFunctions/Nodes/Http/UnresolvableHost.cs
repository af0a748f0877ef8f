using System.Net.Sockets;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Recognises a host name that does not exist (NXDOMAIN, no address records). Retrying cannot fix a typo or a
/// template that rendered an empty host, so such a call fails the node at once; a DNS server that is merely
/// unavailable (try again) stays retryable.
/// </summary>
public static class UnresolvableHost
{
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
            {
                return true;
            }
        }

        return false;
    }
}
