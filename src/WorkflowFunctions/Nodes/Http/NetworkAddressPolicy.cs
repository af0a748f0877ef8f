using System.Net;
using System.Net.Sockets;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Which IP addresses HTTP nodes may connect to (SSRF protection). Refused unless private networks are allowed:
/// loopback, private (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), link-local (169.254/16
/// with the cloud metadata address, fe80::/10), unique-local (fc00::/7 with fd00:ec2::254), unspecified,
/// multicast, 0.0.0.0/8 and other reserved ranges. IPv4 addresses embedded in IPv6 (mapped <c>::ffff:a.b.c.d</c>,
/// NAT64, 6to4) are judged by their IPv4 address, so no spelling gets past the check.
/// </summary>
public sealed class NetworkAddressPolicy
{
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("::/96"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly bool _allowPrivateNetworks;
    private readonly IPNetwork[] _allowed;

    public NetworkAddressPolicy(bool allowPrivateNetworks, IEnumerable<IPNetwork>? allowedNetworks = null)
    {
        _allowPrivateNetworks = allowPrivateNetworks;
        _allowed = allowedNetworks?.ToArray() ?? [];
    }

    /// <summary>The policy the options describe; an unparsable <c>AllowedNetworks</c> entry throws <see cref="FormatException"/>.</summary>
    public static NetworkAddressPolicy From(HttpNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NetworkAddressPolicy(options.AllowPrivateNetworks, options.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())));
    }

    /// <summary>Whether a node may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _allowPrivateNetworks
            || IsPublic(address)
            || _allowed.Any(n => n.Contains(address) || (address.IsIPv4MappedToIPv6 && n.Contains(address.MapToIPv4())));
    }

    /// <summary>Whether <paramref name="address"/> is a public unicast address (IPv4 embedded in IPv6 judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NonPublicV4.Any(n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return !NonPublicV6.Any(n => n.Contains(address));
    }
}
