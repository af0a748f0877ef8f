using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// The addresses of this host's own network interfaces, so HTTP nodes cannot reach the host's own listeners through
/// an address that looks public (a host name resolving to the machine's own address). Read from the operating
/// system at most every <see cref="MaxAge"/>: interfaces change rarely, and connects must stay cheap.
/// </summary>
public sealed class HostAddresses
{
    /// <summary>How long one reading of the interfaces is used.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly Func<IEnumerable<IPAddress>> _read;
    private Snapshot? _snapshot;

    /// <param name="time">The clock that ages the cached reading.</param>
    /// <param name="read">Where the addresses come from; the interfaces' unicast addresses by default.</param>
    public HostAddresses(TimeProvider time, Func<IEnumerable<IPAddress>>? read = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _read = read ?? InterfaceAddresses;
    }

    /// <summary>Whether <paramref name="address"/> is one of this host's addresses (an IPv6 zone is ignored).</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = _time.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is null || now - snapshot.ReadAt > MaxAge)
        {
            snapshot = new Snapshot(now, [.. _read().Select(Normalize)]);
            _snapshot = snapshot;
        }

        return snapshot.Addresses.Contains(Normalize(address));
    }

    private static List<IPAddress> InterfaceAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            // Without a reading, the ranges alone guard (the host's usual addresses are loopback and private anyway).
            return [];
        }
    }

    // Mapped IPv4 is compared as IPv4, and link-local IPv6 without its zone (fe80::1%2 is fe80::1 here).
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes())
        : address;

    private sealed record Snapshot(DateTimeOffset ReadAt, HashSet<IPAddress> Addresses);
}
