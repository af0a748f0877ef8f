using System.Globalization;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// A template rendering passed <see cref="TemplateScope.MaxRenderedBytes"/>. Thrown as soon as the next piece would
/// pass the limit, so a template that repeats a large value stops early instead of building the whole text.
/// </summary>
public sealed class TemplateOutputTooLargeException : Exception
{
    public TemplateOutputTooLargeException()
    {
    }

    public TemplateOutputTooLargeException(string message)
        : base(message)
    {
    }

    public TemplateOutputTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateOutputTooLargeException(int maxBytes)
        : base(Describe("The template", maxBytes))
    {
        MaxBytes = maxBytes;
    }

    /// <summary>The limit the rendering passed, in UTF-8 bytes.</summary>
    public int MaxBytes { get; }

    /// <summary>The error text for <paramref name="what"/> (e.g. <c>url</c>): it renders past the limit.</summary>
    public static string Describe(string what, int maxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} renders more than {maxBytes:N0} bytes, the limit of one template rendering");
}
