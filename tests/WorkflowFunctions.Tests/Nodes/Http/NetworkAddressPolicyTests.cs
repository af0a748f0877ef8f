using System.Net;
using WorkflowFunctions.Nodes.Http;

namespace WorkflowFunctions.Tests.Nodes.Http;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:a00:1::1")]
    public void Allows_NonPublicAddressByDefault_ReturnsFalse(string address)
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: false);

        // Act
        var allowed = policy.Allows(IPAddress.Parse(address));

        // Assert
        Assert.False(allowed);
    }

    /// <summary>Every range of the IANA special-purpose registries (IPv4 and IPv6), at both ends where it matters.</summary>
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/8 this network")]
    [InlineData("0.255.255.255", "0.0.0.0/8 this network")]
    [InlineData("10.255.255.255", "10.0.0.0/8 private")]
    [InlineData("100.127.255.255", "100.64.0.0/10 shared address space")]
    [InlineData("127.255.255.254", "127.0.0.0/8 loopback")]
    [InlineData("169.254.0.1", "169.254.0.0/16 link-local")]
    [InlineData("172.16.0.0", "172.16.0.0/12 private")]
    [InlineData("192.0.0.9", "192.0.0.0/24 IETF protocol assignments (PCP anycast)")]
    [InlineData("192.0.0.170", "192.0.0.0/24 IETF protocol assignments (NAT64 discovery)")]
    [InlineData("192.0.2.1", "192.0.2.0/24 TEST-NET-1")]
    [InlineData("192.0.2.255", "192.0.2.0/24 TEST-NET-1")]
    [InlineData("192.31.196.1", "192.31.196.0/24 AS112-v4")]
    [InlineData("192.52.193.1", "192.52.193.0/24 AMT")]
    [InlineData("192.88.99.1", "192.88.99.0/24 6to4 relay anycast")]
    [InlineData("192.168.255.255", "192.168.0.0/16 private")]
    [InlineData("192.175.48.1", "192.175.48.0/24 direct delegation AS112")]
    [InlineData("198.18.0.1", "198.18.0.0/15 benchmarking")]
    [InlineData("198.19.255.255", "198.18.0.0/15 benchmarking")]
    [InlineData("198.51.100.7", "198.51.100.0/24 TEST-NET-2")]
    [InlineData("203.0.113.7", "203.0.113.0/24 TEST-NET-3")]
    [InlineData("224.0.0.251", "224.0.0.0/4 multicast")]
    [InlineData("239.255.255.255", "224.0.0.0/4 multicast")]
    [InlineData("240.0.0.1", "240.0.0.0/4 reserved")]
    [InlineData("255.255.255.255", "255.255.255.255/32 limited broadcast")]
    [InlineData("::", "::/128 unspecified")]
    [InlineData("::1", "::1/128 loopback")]
    [InlineData("::ffff:192.0.2.1", "::ffff:0:0/96 IPv4-mapped, judged by its IPv4 address")]
    [InlineData("::ffff:203.0.113.9", "::ffff:0:0/96 IPv4-mapped, judged by its IPv4 address")]
    [InlineData("::ffff:0:808:808", "::ffff:0:0:0/96 IPv4-translated, outside global unicast")]
    [InlineData("::808:808", "::/96 IPv4-compatible (deprecated), outside global unicast")]
    [InlineData("64:ff9b::c000:201", "64:ff9b::/96 NAT64, judged by its IPv4 address (192.0.2.1)")]
    [InlineData("64:ff9b::a00:1", "64:ff9b::/96 NAT64, judged by its IPv4 address (10.0.0.1)")]
    [InlineData("64:ff9b:1::808:808", "64:ff9b:1::/48 local-use NAT64")]
    [InlineData("100::1", "100::/64 discard-only")]
    [InlineData("100:0:0:1::1", "100:0:0:1::/64 dummy prefix")]
    [InlineData("2001::1", "2001::/32 Teredo")]
    [InlineData("2001:1::1", "2001:1::1/128 PCP anycast")]
    [InlineData("2001:2::1", "2001:2::/48 benchmarking")]
    [InlineData("2001:3::1", "2001:3::/32 AMT")]
    [InlineData("2001:4:112::1", "2001:4:112::/48 AS112-v6")]
    [InlineData("2001:10::1", "2001:10::/28 ORCHID (deprecated)")]
    [InlineData("2001:20::1", "2001:20::/28 ORCHIDv2")]
    [InlineData("2001:30::1", "2001:30::/28 DRIP")]
    [InlineData("2001:1ff:ffff::1", "2001::/23 IETF protocol assignments, last block")]
    [InlineData("2001:db8::1", "2001:db8::/32 documentation")]
    [InlineData("2001:db8:ffff:ffff::1", "2001:db8::/32 documentation")]
    [InlineData("2002:c000:201::1", "2002::/16 6to4, judged by its IPv4 address (192.0.2.1)")]
    [InlineData("2002:7f00:1::1", "2002::/16 6to4, judged by its IPv4 address (127.0.0.1)")]
    [InlineData("2620:4f:8000::1", "2620:4f:8000::/48 direct delegation AS112")]
    [InlineData("3fff::1", "3fff::/20 documentation")]
    [InlineData("5f00::1", "5f00::/16 segment routing SIDs")]
    [InlineData("fc00::1", "fc00::/7 unique-local")]
    [InlineData("fdff:ffff::1", "fc00::/7 unique-local")]
    [InlineData("fe80::1", "fe80::/10 link-local")]
    [InlineData("febf:ffff::1", "fe80::/10 link-local")]
    [InlineData("fec0::1", "fec0::/10 site-local (deprecated)")]
    [InlineData("ff00::1", "ff00::/8 multicast")]
    [InlineData("ff05::1:3", "ff00::/8 multicast")]
    [InlineData("4000::1", "unassigned, outside 2000::/3")]
    public void Allows_SpecialPurposeRange_ReturnsFalse(string address, string range)
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: false);

        // Act
        var verdict = policy.Judge(IPAddress.Parse(address));

        // Assert
        Assert.True(verdict == AddressVerdict.NonPublic, $"{address} ({range}) was {verdict}.");
    }

    [Theory]
    [InlineData("192.0.1.255")]
    [InlineData("192.0.3.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.99.255")]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.114.0")]
    [InlineData("2001:200::1")]
    [InlineData("2001:db9::1")]
    [InlineData("2002:808:808::1")]
    [InlineData("2a00:1450:4001::1")]
    public void Allows_NeighbourOfSpecialPurposeRange_ReturnsTrue(string address)
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: false);

        // Act
        var allowed = policy.Allows(IPAddress.Parse(address));

        // Assert
        Assert.True(allowed);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("2001:db8::5")]
    [InlineData("100::1")]
    public void Allows_SpecialPurposeAddressWithPrivateNetworksAllowed_ReturnsTrue(string address)
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: true, isHostAddress: _ => true);

        // Act
        var allowed = policy.Allows(IPAddress.Parse(address));

        // Assert
        Assert.True(allowed);
    }

    [Theory]
    [InlineData("8.8.4.4")]
    [InlineData("::ffff:8.8.4.4")]
    [InlineData("64:ff9b::808:404")]
    [InlineData("2002:808:404::1")]
    [InlineData("2606:4700::6810:1")]
    public void Judge_PublicAddressOfTheHostsOwnInterfaces_RefusesAsHostAddress(string address)
    {
        // Arrange
        var own = new HostAddresses(TimeProvider.System, () => [IPAddress.Parse("8.8.4.4"), IPAddress.Parse("2606:4700::6810:1")]);
        var policy = NetworkAddressPolicy.From(new HttpNodeOptions(), own);

        // Act
        var verdict = policy.Judge(IPAddress.Parse(address));

        // Assert
        Assert.Equal(AddressVerdict.HostAddress, verdict);
    }

    [Fact]
    public void Judge_HostAddressInsideAnAllowedNetwork_AllowsWhatTheOperatorListed()
    {
        // Arrange
        var own = new HostAddresses(TimeProvider.System, () => [IPAddress.Parse("10.20.1.5"), IPAddress.Parse("8.8.4.4")]);
        var options = new HttpNodeOptions { AllowedNetworks = { "10.20.0.0/16" } };
        var policy = NetworkAddressPolicy.From(options, own);

        // Act
        var verdicts = (policy.Judge(IPAddress.Parse("10.20.1.5")), policy.Judge(IPAddress.Parse("8.8.4.4")));

        // Assert
        Assert.Equal((AddressVerdict.Allowed, AddressVerdict.HostAddress), verdicts);
    }

    [Fact]
    public void Judge_HostAddressWithPrivateNetworksAllowed_Allows()
    {
        // Arrange
        var own = new HostAddresses(TimeProvider.System, () => [IPAddress.Parse("8.8.4.4")]);
        var policy = NetworkAddressPolicy.From(new HttpNodeOptions { AllowPrivateNetworks = true }, own);

        // Act
        var verdict = policy.Judge(IPAddress.Parse("8.8.4.4"));

        // Assert
        Assert.Equal(AddressVerdict.Allowed, verdict);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Allows_PublicAddress_ReturnsTrue(string address)
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: false);

        // Act
        var allowed = policy.Allows(IPAddress.Parse(address));

        // Assert
        Assert.True(allowed);
    }

    [Fact]
    public void Allows_PrivateNetworksAllowed_AcceptsLoopback()
    {
        // Arrange
        var policy = new NetworkAddressPolicy(allowPrivateNetworks: true);

        // Act
        var allowed = policy.Allows(IPAddress.Loopback);

        // Assert
        Assert.True(allowed);
    }

    [Fact]
    public void Allows_AddressInAllowedNetwork_AcceptsItButNotItsNeighbours()
    {
        // Arrange
        var policy = NetworkAddressPolicy.From(new HttpNodeOptions { AllowedNetworks = { "10.20.0.0/16" } });

        // Act
        var inside = policy.Allows(IPAddress.Parse("10.20.3.4"));
        var outside = policy.Allows(IPAddress.Parse("10.21.0.1"));

        // Assert
        Assert.Equal((true, false), (inside, outside));
    }
}
