using System.Text;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// Turns template text into segments. Grammar: <c>{{ root(.name | [index] | .index)* }}</c> where
/// <c>root</c> is <c>input</c> or a node ID (letters, digits, <c>-</c>, <c>_</c>); whitespace inside the
/// braces is optional. <c>\{{</c> writes a literal <c>{{</c>.
/// </summary>
internal static class TemplateParser
{
    public static bool TryParse(string text, out List<TemplateSegment> segments, out string? error)
    {
        segments = [];
        error = null;
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && Matches(text, i + 1, "{{"))
            {
                literal.Append("{{");
                i += 3;
                continue;
            }

            if (!Matches(text, i, "{{"))
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            var close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"Unclosed '{{{{' at offset {i}: add '}}}}', or write '\\{{{{' for a literal '{{{{'.";
                return false;
            }

            if (!TryParseReference(text.AsSpan(i + 2, close - i - 2), i, out var reference, out error))
            {
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new TemplateSegment(literal.ToString(), null));
                literal.Clear();
            }

            segments.Add(new TemplateSegment(null, reference));
            i = close + 2;
        }

        if (literal.Length > 0)
        {
            segments.Add(new TemplateSegment(literal.ToString(), null));
        }

        return true;
    }

    private static bool Matches(string text, int at, string token) =>
        at + token.Length <= text.Length && string.CompareOrdinal(text, at, token, 0, token.Length) == 0;

    private static bool TryParseReference(ReadOnlySpan<char> body, int offset, out TemplateReference? reference, out string? error)
    {
        reference = null;
        var expression = body.Trim();
        if (expression.IsEmpty)
        {
            error = $"Empty placeholder '{{{{ }}}}' at offset {offset}.";
            return false;
        }

        var parts = new List<string>();
        var i = 0;
        if (!TryReadName(expression, ref i, out var root))
        {
            error = $"Placeholder at offset {offset} must start with 'input' or a node ID, found '{expression.ToString()}'.";
            return false;
        }

        while (i < expression.Length)
        {
            var c = expression[i];
            if (c == '.')
            {
                i++;
                if (!TryReadName(expression, ref i, out var name))
                {
                    error = $"Placeholder '{expression.ToString()}' at offset {offset}: expected a name after '.' at position {i}.";
                    return false;
                }

                parts.Add(name);
            }
            else if (c == '[')
            {
                var end = expression[i..].IndexOf(']');
                var inner = end < 0 ? ReadOnlySpan<char>.Empty : expression.Slice(i + 1, end - 1).Trim();
                if (end < 0 || inner.IsEmpty || !IsDigits(inner))
                {
                    error = $"Placeholder '{expression.ToString()}' at offset {offset}: an index must be '[<digits>]'.";
                    return false;
                }

                parts.Add(inner.ToString());
                i += end + 1;
            }
            else
            {
                error = $"Placeholder '{expression.ToString()}' at offset {offset}: unexpected '{c}' at position {i}; paths use '.name', '.0' or '[0]'.";
                return false;
            }
        }

        reference = new TemplateReference(root, parts);
        error = null;
        return true;
    }

    private static bool TryReadName(ReadOnlySpan<char> s, ref int i, out string name)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '-' || s[i] > 127 && char.IsLetterOrDigit(s[i])))
        {
            i++;
        }

        name = s[start..i].ToString();
        return i > start;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
