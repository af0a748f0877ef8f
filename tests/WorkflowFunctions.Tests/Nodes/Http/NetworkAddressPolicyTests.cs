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
