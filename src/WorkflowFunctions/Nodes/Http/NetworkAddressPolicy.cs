using System.Net;
using System.Net.Sockets;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Which IP addresses HTTP nodes may connect to (SSRF protection). Unless private networks are allowed, only public
/// unicast addresses pass: every range of the IANA IPv4 and IPv6 special-purpose registries is refused (loopback,
/// private, shared, link-local with the cloud metadata address, documentation TEST-NETs, benchmarking, AS112, AMT,
/// 6to4 relays, reserved), as are multicast and broadcast, IPv6 outside global unicast <c>2000::/3</c>, and any
/// address of the host's own interfaces. IPv4 embedded in IPv6 (mapped <c>::ffff:a.b.c.d</c>, NAT64
/// <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) is judged by its IPv4 address, so no spelling gets past the check.
/// </summary>
public sealed class NetworkAddressPolicy
{
    // The IANA IPv4 special-purpose registry, plus multicast (224/4) and broadcast (in 240/4). Ranges the registry
    // marks globally reachable (AS112, AMT, the PCP and TURN anycast addresses) are refused too: none is a server a
    // workflow has business calling, and 192.0.0.0/24 and the DNS sink holes are not worth a carve-out.
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.31.196.0/24"),
        IPNetwork.Parse("192.52.193.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("192.175.48.0/24"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    // IPv6 is public only inside global unicast 2000::/3; that already refuses ::/128, ::1, 100::/64, 5f00::/16,
    // fc00::/7, fe80::/10, fec0::/10, ff00::/8 and everything unassigned. These are the registry's ranges inside
    // 2000::/3. 2001::/23 holds Teredo, whose obfuscated IPv4 address is not worth decoding: refused whole.
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] NonPublicGlobalV6 =
    [
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("2620:4f:8000::/48"),
        IPNetwork.Parse("3fff::/20"),
    ];

    // Outside 2000::/3 but judged by the IPv4 address they carry. The local-use NAT64 prefix 64:ff9b:1::/48 is not:
    // where its IPv4 address sits depends on the operator's prefix length, so it stays refused with the rest.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly bool _allowPrivateNetworks;
    private readonly IPNetwork[] _allowed;
    private readonly Func<IPAddress, bool> _isHostAddress;

    /// <param name="allowPrivateNetworks">Allow every address, the host's own included (development, tests).</param>
    /// <param name="allowedNetworks">Networks allowed although not public (the host's own addresses in them too).</param>
    /// <param name="isHostAddress">Whether an address belongs to this host (see <see cref="HostAddresses"/>); none by default.</param>
    public NetworkAddressPolicy(bool allowPrivateNetworks, IEnumerable<IPNetwork>? allowedNetworks = null, Func<IPAddress, bool>? isHostAddress = null)
    {
        _allowPrivateNetworks = allowPrivateNetworks;
        _allowed = allowedNetworks?.ToArray() ?? [];
        _isHostAddress = isHostAddress ?? (_ => false);
    }

    /// <summary>The policy the options describe; an unparsable <c>AllowedNetworks</c> entry throws <see cref="FormatException"/>.</summary>
    public static NetworkAddressPolicy From(HttpNodeOptions options, HostAddresses? hostAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NetworkAddressPolicy(
            options.AllowPrivateNetworks,
            options.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())),
            hostAddresses is null ? null : hostAddresses.Contains);
    }

    /// <summary>Whether a node may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address) => Judge(address) == AddressVerdict.Allowed;

    /// <summary>Whether a node may connect to <paramref name="address"/>, and if not, why.</summary>
    public AddressVerdict Judge(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_allowPrivateNetworks)
        {
            return AddressVerdict.Allowed;
        }

        // A network the operator listed is allowed as listed; an address that merely looks public is checked
        // against the host's own, which a host name can resolve to.
        var embedded = EmbeddedV4(address);
        if (_allowed.Any(n => n.Contains(address) || (embedded is not null && n.Contains(embedded))))
        {
            return AddressVerdict.Allowed;
        }

        if (!IsPublic(address))
        {
            return AddressVerdict.NonPublic;
        }

        return _isHostAddress(address) || (embedded is not null && _isHostAddress(embedded)) ? AddressVerdict.HostAddress : AddressVerdict.Allowed;
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

        if (EmbeddedV4(address) is { } embedded)
        {
            return IsPublic(embedded);
        }

        return GlobalUnicastV6.Contains(address) && !NonPublicGlobalV6.Any(n => n.Contains(address));
    }

    /// <summary>The IPv4 address an IPv6 address stands for (mapped, NAT64 or 6to4), or null.</summary>
    public static IPAddress? EmbeddedV4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return Nat64.Contains(address) ? new IPAddress(bytes.AsSpan(12, 4))
            : SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4))
            : null;
    }
}
