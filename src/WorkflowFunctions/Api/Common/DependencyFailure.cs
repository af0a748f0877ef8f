using System.Globalization;
using Azure;
using Grpc.Core;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Tells a dependency that did not answer (storage busy, timed out or unreachable; the durable engine's client
/// unavailable) from a defect, so an API answers the first with 503 and <c>Retry-After</c> in its own error shape
/// instead of an empty 500. A defect is not one of these and still fails the request. The failure names the
/// dependency and its status code, never the exception's text (which can carry storage URLs).
/// </summary>
public static class DependencyFailure
{
    /// <summary>How long a caller is asked to wait before retrying.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The 503 failure for <paramref name="exception"/> when it is a dependency that did not answer, or null.
    /// A cancellation is one only when the caller did not cancel (<paramref name="requestAborted"/>): a dependency's
    /// client timed out.
    /// </summary>
    public static Failure? Of(Exception exception, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var which = exception switch
        {
            RequestFailedException { Status: 0 } => "Storage could not be reached",
            RequestFailedException { Status: 408 or 429 or 500 or 502 or 503 or 504 } failed => string.Create(
                CultureInfo.InvariantCulture, $"Storage answered {failed.Status}{(failed.ErrorCode is { } code ? " " + code : string.Empty)}"),
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } rpc =>
                $"The durable engine's client answered {rpc.StatusCode}",
            TimeoutException => "A dependency timed out",
            HttpRequestException => "A dependency could not be reached",
            OperationCanceledException when !requestAborted.IsCancellationRequested => "A dependency timed out",
            _ => null,
        };
        return which is null
            ? null
            : Failure.Unavailable(
                $"{which}; the request may not have been carried out. Retry in a few seconds "
                + "(a start or batch sent with an Idempotency-Key is not carried out twice).") with { RetryAfter = RetryAfter };
    }
}
