using System.Globalization;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// The LLM provider's reply is longer than <c>Llm__MaxResponseBytes</c>. Thrown while the reply is read (or at once
/// when its <c>Content-Length</c> says so), so no more than the cap is ever held; the node fails without a retry.
/// </summary>
public sealed class ReplyTooLargeException : IOException
{
    public ReplyTooLargeException()
    {
    }

    public ReplyTooLargeException(string message)
        : base(message)
    {
    }

    public ReplyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplyTooLargeException(long maxBytes, long? declaredBytes)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The LLM provider's reply is larger than {maxBytes:N0} bytes (Llm__MaxResponseBytes)"
                + $"{(declaredBytes is { } declared ? $": it declares {declared:N0}" : string.Empty)}; it was not read further."))
    {
        MaxBytes = maxBytes;
    }

    /// <summary>The cap the reply passed.</summary>
    public long MaxBytes { get; }
}
