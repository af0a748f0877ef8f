using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// The HTTP node client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, keeps the
/// addresses the <see cref="NetworkAddressPolicy"/> allows and connects to one of those. Checking at connect
/// time covers every redirect hop, and connecting to the checked address leaves no gap for DNS rebinding.
/// </summary>
public sealed class GuardedConnector(IOptionsMonitor<HttpNodeOptions> options, HostAddresses hostAddresses)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var policy = NetworkAddressPolicy.From(options.CurrentValue, hostAddresses);
        var verdicts = addresses.Select(a => (Address: a, Verdict: policy.Judge(a))).ToArray();
        var allowed = verdicts.Where(v => v.Verdict == AddressVerdict.Allowed).Select(v => v.Address).ToArray();
        if (allowed.Length == 0)
        {
            throw addresses.Length == 0
                ? new HttpRequestException($"{host} has no address.")
                : new PrivateAddressRefusedException(host, verdicts[0].Address, verdicts[0].Verdict);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
