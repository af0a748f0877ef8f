namespace WorkflowFunctions.Engine.Templates;

/// <summary>A parsed <c>{{ }}</c> template: parse once, render many times.</summary>
public sealed class Template
{
    private Template() => throw new NotImplementedException();

    /// <summary>The placeholders' references, in order of appearance.</summary>
    public IReadOnlyList<TemplateReference> References => throw new NotImplementedException();

    /// <summary>Parses template text. Returns false with a message naming the problem and its offset on a syntax error.</summary>
    public static bool TryParse(string text, out Template template, out string? error) => throw new NotImplementedException();

    /// <summary>Renders to text (missing paths render empty).</summary>
    public string Render(TemplateScope scope) => throw new NotImplementedException();
}
