using System.Net;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Thrown from the connect callback when a host resolves only to addresses the <see cref="NetworkAddressPolicy"/>
/// refuses. It travels inside the <see cref="HttpRequestException"/> HttpClient throws, so it covers redirects
/// too; the executor turns it into a non-retryable node error.
/// </summary>
public sealed class PrivateAddressRefusedException : Exception
{
    public PrivateAddressRefusedException()
    {
    }

    public PrivateAddressRefusedException(string message)
        : base(message)
    {
    }

    public PrivateAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrivateAddressRefusedException(string host, IPAddress address, AddressVerdict verdict = AddressVerdict.NonPublic)
        : base(verdict == AddressVerdict.HostAddress
            ? $"The HTTP node's request to {host} was refused: {address} is an address of this host; set HttpNode__AllowPrivateNetworks=true to allow."
            : $"The HTTP node's request to {host} was refused: {address} is a private or special-purpose address; "
                + "set HttpNode__AllowPrivateNetworks=true to allow.")
    {
        Host = host;
        Address = address;
    }

    public string? Host { get; }

    public IPAddress? Address { get; }

    /// <summary>The refusal somewhere in <paramref name="exception"/>'s chain, or null.</summary>
    public static PrivateAddressRefusedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PrivateAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
