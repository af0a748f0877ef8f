using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Nodes.Http;

namespace WorkflowFunctions.Tests.Nodes.Http;

public sealed class HostAddressesTests
{
    [Fact]
    public void Contains_AnAddressOfThisMachinesInterfaces_ReturnsTrue()
    {
        // Arrange
        var own = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToList();
        var addresses = new HostAddresses(TimeProvider.System);

        // Act
        var all = own.All(addresses.Contains);

        // Assert
        Assert.NotEmpty(own);
        Assert.True(all);
        Assert.False(addresses.Contains(IPAddress.Parse("192.0.2.200")));
    }

    [Fact]
    public void Contains_LinkLocalWithZone_MatchesWithoutTheZone()
    {
        // Arrange
        var addresses = new HostAddresses(TimeProvider.System, () => [IPAddress.Parse("fe80::1%2")]);

        // Act
        var found = (addresses.Contains(IPAddress.Parse("fe80::1")), addresses.Contains(IPAddress.Parse("fe80::1%7")));

        // Assert
        Assert.Equal((true, true), found);
    }

    [Fact]
    public void Contains_WithinMaxAge_ReadsTheInterfacesOnceThenAgainAfterIt()
    {
        // Arrange
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var reads = 0;
        var addresses = new HostAddresses(clock, () =>
        {
            reads++;
            return reads == 1 ? [IPAddress.Parse("8.8.4.4")] : [IPAddress.Parse("1.1.1.1")];
        });

        // Act
        var first = addresses.Contains(IPAddress.Parse("8.8.4.4"));
        clock.Advance(HostAddresses.MaxAge);
        var cached = addresses.Contains(IPAddress.Parse("8.8.4.4"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = addresses.Contains(IPAddress.Parse("8.8.4.4"));

        // Assert
        Assert.Equal((true, true, false, 2), (first, cached, refreshed, reads));
    }
}
