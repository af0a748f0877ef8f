namespace WorkflowFunctions.Nodes.Http;

/// <summary>What the <see cref="NetworkAddressPolicy"/> says about one address.</summary>
public enum AddressVerdict
{
    /// <summary>Nodes may connect to it.</summary>
    Allowed,

    /// <summary>Refused: loopback, private, link-local, documentation or another special-purpose address.</summary>
    NonPublic,

    /// <summary>Refused: an address of one of this host's own network interfaces.</summary>
    HostAddress,
}
