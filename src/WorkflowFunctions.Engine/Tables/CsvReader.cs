using System.Text;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// Splits CSV text into records (RFC 4180, leniently): fields are separated by the delimiter and records by
/// <c>\r\n</c>, <c>\n</c> or <c>\r</c>; a field that starts with <c>"</c> is quoted, may hold delimiters and line
/// breaks, and writes a quote as <c>""</c>; text after a closing quote is kept; a quote inside an unquoted field
/// is literal; a byte-order mark is dropped; empty lines are skipped. An unclosed quote is an error.
/// </summary>
internal static class CsvReader
{
    /// <summary>The delimiters detection tries, in order of preference.</summary>
    public static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <summary>Reads at most <paramref name="maxRecords"/> records; false with the line of an unclosed quote.</summary>
    public static bool TryRead(string text, char delimiter, int maxRecords, out List<string[]> records, out string? error)
    {
        records = [];
        error = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (i < text.Length && records.Count < maxRecords)
        {
            if (text[i] is '\n' or '\r')
            {
                i = SkipLineBreak(text, i);
                line++;
                continue;
            }

            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    var opened = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            error = $"Line {opened}: a quoted field is never closed.";
                            return false;
                        }

                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                        i++;
                    }
                }

                while (i < text.Length && text[i] != delimiter && text[i] is not ('\n' or '\r'))
                {
                    field.Append(text[i]);
                    i++;
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == delimiter)
                {
                    i++;
                    continue;
                }

                if (i < text.Length)
                {
                    i = SkipLineBreak(text, i);
                    line++;
                }

                break;
            }

            records.Add([.. fields]);
        }

        return true;
    }

    /// <summary>
    /// The delimiter that splits the first records into the most columns consistently: the candidate whose first
    /// record has more than one field and the most of the first 20 records with that count; a comma when none splits.
    /// </summary>
    public static char Detect(string text)
    {
        var best = ',';
        var bestScore = (Consistent: 0, Width: 1);
        foreach (var candidate in Candidates)
        {
            if (!TryRead(text, candidate, 20, out var sample, out _) || sample.Count == 0 || sample[0].Length < 2)
            {
                continue;
            }

            var width = sample[0].Length;
            var score = (Consistent: sample.Count(r => r.Length == width), Width: width);
            if (score.Consistent > bestScore.Consistent || (score.Consistent == bestScore.Consistent && score.Width > bestScore.Width))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static int SkipLineBreak(string text, int i) =>
        text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
}
