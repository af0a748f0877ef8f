using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// Text being rendered, with a limit in UTF-8 bytes checked before each piece is added: it never holds more than the
/// limit, and a JSON value is serialized into a buffer that stops at what is left.
/// </summary>
internal sealed class RenderedText(int maxBytes, int capacity = 16)
{
    private readonly StringBuilder _text = new(Math.Min(capacity, maxBytes));
    private long _bytes;

    public void Append(string piece)
    {
        // UTF-8 never takes fewer bytes than UTF-16 code units, so a piece longer than what is left is over at once.
        if (piece.Length > maxBytes - _bytes)
        {
            throw new TemplateOutputTooLargeException(maxBytes);
        }

        Reserve(Encoding.UTF8.GetByteCount(piece));
        _text.Append(piece);
    }

    /// <summary>Appends a value as templates show it (see <see cref="TemplateValues.ToText"/>).</summary>
    public void AppendValue(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return;
            case JsonValue v when v.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array):
                Append(TemplateValues.ToText(v));
                return;
            case JsonObject table when Tables.TableValue.IsTable(table):
                // A table renders as its CSV text (bounded by the table limits), checked like any other piece.
                Append(Tables.TableValue.Text(table));
                return;
            default:
                var json = WriteJson(value, (int)(maxBytes - _bytes), maxBytes);
                Reserve(json.Length);
                _text.Append(Encoding.UTF8.GetString(json));
                return;
        }
    }

    public override string ToString() => _text.ToString();

    /// <summary>Compact JSON (the templates' encoder) of at most <paramref name="limit"/> bytes, or the limit exception.</summary>
    internal static ReadOnlySpan<byte> WriteJson(JsonNode value, int limit, int reportedLimit = -1)
    {
        var buffer = new CappedBufferWriter(limit, reportedLimit < 0 ? limit : reportedLimit);
        using (var writer = new Utf8JsonWriter(buffer, TemplateValues.CompactWriter))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenSpan;
    }

    private void Reserve(long bytes)
    {
        if (_bytes + bytes > maxBytes)
        {
            throw new TemplateOutputTooLargeException(maxBytes);
        }

        _bytes += bytes;
    }
}
