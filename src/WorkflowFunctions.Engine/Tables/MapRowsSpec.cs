using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// A <c>map-rows-node</c>'s configuration: the <c>column</c> its answers fill (<c>"summary"</c> or
/// <c>{id, header, type}</c>), the <c>call</c> made for every row (<c>{type: basic-node | http-node, data}</c>, whose
/// templates see the row as <c>{{ row.&lt;column&gt; }}</c>), <c>concurrency</c> and <c>on_row_error</c>
/// (<c>fail</c>, the default, or <c>empty</c>). The answer of a row is its call's <c>content</c>, converted to the
/// column's type.
/// </summary>
public sealed record MapRowsSpec(TableColumn Column, string CallType, JsonObject CallData, int? Concurrency, bool ContinueOnRowError)
{
    /// <summary>The node types a row's call may be.</summary>
    public static IReadOnlyList<string> CallTypes { get; } = [NodeTypes.Llm, NodeTypes.Http];

    /// <summary>The values of <c>on_row_error</c>.</summary>
    public static IReadOnlyList<string> RowErrorModes { get; } = ["fail", "empty"];

    /// <summary>Reads the node's data; false with a message naming the field.</summary>
    public static bool TryRead(JsonObject data, out MapRowsSpec spec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        spec = null!;
        if (!TryColumn(data["column"], out var column, out error))
        {
            return false;
        }

        if (data["call"] is not JsonObject call || Text(call["type"]) is not { } type || !CallTypes.Contains(type))
        {
            error = $"'call' must be an object whose 'type' is one of {string.Join(", ", CallTypes)}, with the call's 'data'.";
            return false;
        }

        if (call["data"] is not JsonObject callData)
        {
            error = "'call.data' must be an object: the configuration of one " + type + ".";
            return false;
        }

        var mode = Text(data["on_row_error"]) ?? "fail";
        if (!RowErrorModes.Contains(mode))
        {
            error = $"'on_row_error' must be fail or empty, not '{mode}'.";
            return false;
        }

        int? concurrency = data["concurrency"] is JsonValue c && c.GetValueKind() == JsonValueKind.Number
            && int.TryParse(c.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        spec = new MapRowsSpec(column, type, callData, concurrency, mode == "empty");
        return true;
    }

    /// <summary>The call's references that are not to the row: what every row's call needs from the run besides its row.</summary>
    public IReadOnlyList<TemplateReference> SharedReferences()
    {
        var references = new List<TemplateReference>();
        Collect(CallData, references);
        return references;
    }

    /// <summary>
    /// The table with the answers in <see cref="Column"/> (appended, or replacing a column with the same ID in
    /// place). A row whose call failed, whose answer is missing or does not convert fails the node, or with
    /// <c>on_row_error: empty</c> gets a null cell and counts in <paramref name="failedRows"/>.
    /// </summary>
    public bool TryApply(
        TableValue table,
        IReadOnlyList<string?> answers,
        IReadOnlyDictionary<int, string> rowErrors,
        out TableValue mapped,
        out int failedRows,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(rowErrors);
        mapped = null!;
        failedRows = 0;
        error = null;
        if (!ContinueOnRowError && rowErrors.Count > 0)
        {
            // Rows after a failure may never have run: the failure is what to report.
            var first = rowErrors.Keys.Min();
            error = string.Create(CultureInfo.InvariantCulture, $"Row {first + 1}: {rowErrors[first]}");
            return false;
        }

        var columns = table.Columns.ToList();
        var existing = columns.FindIndex(c => c.Id == Column.Id);
        if (existing >= 0)
        {
            columns[existing] = Column;
        }
        else
        {
            columns.Add(Column);
        }

        var rows = new List<JsonObject>(table.Rows.Count);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            string? problem = null;
            JsonNode? cell = null;
            if (rowErrors.TryGetValue(i, out var rowError))
            {
                problem = rowError;
            }
            else if (i >= answers.Count || answers[i] is not { } answer)
            {
                problem = "the row has no answer.";
            }
            else if (!CellValues.TryConvert(answer, Column.Type, out cell, out var conversion))
            {
                problem = $"the answer for column '{Column.Id}': {conversion}";
            }

            if (problem is not null)
            {
                if (!ContinueOnRowError)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"Row {i + 1}: {problem}");
                    return false;
                }

                failedRows++;
                cell = null;
            }

            var row = (JsonObject)table.Rows[i].DeepClone();
            row[Column.Id] = cell;
            rows.Add(row);
        }

        mapped = new TableValue(columns, rows);
        return true;
    }

    private static bool TryColumn(JsonNode? node, out TableColumn column, out string? error)
    {
        column = null!;
        var (id, header, type) = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), null, null),
            JsonObject o => (Text(o["id"]), Text(o["header"]), Text(o["type"])),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        if (!ColumnIds.IsValid(id))
        {
            error = "'column' must name the new column's ID (letters, digits, '_' and '-'), as \"summary\" or {\"id\": \"summary\"}.";
            return false;
        }

        type ??= ColumnTypes.Text;
        if (!ColumnTypes.IsKnown(type))
        {
            error = $"'column.type' is '{type}'. Supported: {string.Join(", ", ColumnTypes.Names)}.";
            return false;
        }

        column = new TableColumn(id!, header ?? ColumnIds.Title(id!), type);
        error = null;
        return true;
    }

    private static void Collect(JsonNode? node, List<TemplateReference> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, references);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Contains("{{", StringComparison.Ordinal) && TemplateCache.TryGet(text, out var template, out _))
                {
                    references.AddRange(template.References.Where(r => !r.IsRow));
                }

                break;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
