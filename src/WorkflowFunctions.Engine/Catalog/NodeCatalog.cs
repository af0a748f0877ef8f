using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tables;

namespace WorkflowFunctions.Engine.Catalog;

/// <summary>
/// Every node type the service runs, with its configuration schema. Visual and unknown fields in <c>data</c>
/// (name, label, version, next_nodes, ...) are always allowed, so editors can keep their own state there.
/// </summary>
public sealed class NodeCatalog
{
    private readonly Dictionary<string, NodeTypeDescriptor> _byType;

    public NodeCatalog(IEnumerable<NodeTypeDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        All = [.. descriptors];
        _byType = All.ToDictionary(d => d.Type, StringComparer.Ordinal);
    }

    /// <summary>The built-in node types.</summary>
    public static NodeCatalog Default { get; } = new(BuiltIn().Concat(TableNodes()));

    /// <summary>Every descriptor, in a stable order.</summary>
    public IReadOnlyList<NodeTypeDescriptor> All { get; }

    public bool TryGet(string type, out NodeTypeDescriptor descriptor) => _byType.TryGetValue(type, out descriptor!);

    private static IEnumerable<NodeTypeDescriptor> BuiltIn()
    {
        yield return new(NodeTypes.Trigger, "Trigger",
            "Starts the run. Its input_fields declare and validate the run's input, available to templates as {{ input.<field_id> }}.", "flow", true,
            Config(new JsonObject
            {
                ["input_fields"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "The run's input fields.",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("id", "type"),
                        ["properties"] = new JsonObject
                        {
                            ["id"] = Str("Field ID, used as {{ input.<id> }}.", minLength: 1),
                            ["title"] = Str("Label shown to users."),
                            ["type"] = Enum("Field type.", "text", "number", "select", "boolean", "json"),
                            ["input_requirements"] = Bool("True when the field is required."),
                            ["placeholder"] = Str("Hint shown in an empty field."),
                            ["tooltip"] = Str("Help text."),
                            ["default_value"] = new JsonObject { ["description"] = "Value used when the input omits the field." },
                            ["options"] = new JsonObject
                            {
                                ["type"] = "array",
                                ["description"] = "Allowed values of a select field: strings, or {value, title|label, is_default} objects.",
                                ["items"] = new JsonObject { ["type"] = new JsonArray("string", "object") },
                            },
                        },
                    },
                },
            }));

        yield return new(NodeTypes.IfElse, "If / Else",
            "Compares two templated values and continues on the true or the false branch; the other branch is skipped.", "flow", true,
            Config(
                new JsonObject
                {
                    ["condition"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("left", "operator"),
                        ["properties"] = new JsonObject
                        {
                            ["left"] = Str("Left-hand template."),
                            ["operator"] = Enum("Comparison.", [.. ConditionOperators.Names]),
                            ["right"] = Str("Right-hand template (ignored by is_empty / is_not_empty)."),
                        },
                    },
                    ["true_node"] = Str("Node to run when the condition holds (when the definition has no edges)."),
                    ["false_node"] = Str("Node to run otherwise (when the definition has no edges)."),
                },
                "condition"));

        yield return new(NodeTypes.Llm, "LLM call",
            "Sends templated chat messages to the configured model and returns its reply as content, with token usage and cost.", "ai", false,
            Config(
                new JsonObject
                {
                    ["messages"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["minItems"] = 1,
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("role", "message"),
                            ["properties"] = new JsonObject
                            {
                                ["role"] = Enum("Who speaks.", "system", "user", "assistant"),
                                ["message"] = Str("Message template."),
                            },
                        },
                    },
                    ["settings"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["model_name"] = Str("Model; the service default (Llm__Model) when absent.", minLength: 1),
                            ["temperature"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 2 },
                            ["max_tokens"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                            ["response_format"] = Enum("Reply format.", "text", "json"),
                        },
                    },
                },
                "messages"));

        yield return new(NodeTypes.Http, "HTTP call",
            "Calls an HTTP endpoint with templated URL, headers and body; returns the response body as content.", "integration", false,
            Config(
                new JsonObject
                {
                    ["url"] = Str("URL template (http or https).", minLength: 1),
                    ["method"] = Enum("HTTP method (default GET).", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
                    ["headers"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["description"] = "Header name to value template.",
                        ["additionalProperties"] = new JsonObject { ["type"] = "string" },
                    },
                    // Reference 003 writes JSON bodies as objects; a string body is a text or JSON template.
                    ["body"] = new JsonObject
                    {
                        ["type"] = new JsonArray("string", "object", "array"),
                        ["description"] = "Body template: text, or JSON (an object/array, or a string when the content type is JSON) rendered JSON-safely.",
                    },
                    ["accepted_statuses"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["description"] = "Non-2xx statuses that do not fail the node.",
                        ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 100, ["maximum"] = 599 },
                    },

                    // Tighter than the common limit: a call that needs longer is better made asynchronous.
                    ["timeout_seconds"] = Integer("Timeout of the whole call, retries included.", 1, 300),
                },
                "url"));

        yield return new(NodeTypes.Output, "Output",
            "Produces the run's output: its template, or by default the content of its upstream node(s).", "flow", true,
            Config(new JsonObject { ["output"] = Str("Output template; default: the upstream nodes' content joined by newlines.") }));

        yield return new(NodeTypes.Approval, "Approval",
            "Pauses the run (status waiting) until someone approves or rejects; rejection or timeout fails the node.", "human", false,
            Config(new JsonObject
            {
                ["instructions"] = Str("What the approver should check."),
                ["timeout_seconds"] = Integer(
                    "Rejects the approval when no decision arrives in time; without it the node waits as long as the run may.", 1, 86400),
            }));

        yield return new(NodeTypes.Workflow, "Sub-workflow",
            "Runs another saved workflow with a templated input; its output becomes this node's result.", "flow", false,
            Config(
                new JsonObject
                {
                    ["workflow_id"] = new JsonObject
                    {
                        ["type"] = new JsonArray("string", "integer"),
                        ["description"] = "The workflow's ID or integer alias.",
                        ["minLength"] = 1,
                    },
                    ["workflow_version"] = new JsonObject
                    {
                        ["type"] = "integer",
                        ["minimum"] = 1,
                        ["description"] = "Version to run; the latest when absent.",
                    },
                    ["version"] = new JsonObject
                    {
                        ["type"] = new JsonArray("string", "integer"),
                        ["description"] = "The node format's version (\"0.1\" in reference 003), like every node's. "
                            + "An integer is read as workflow_version, as before.",
                    },
                    ["input"] = new JsonObject { ["type"] = new JsonArray("string", "object", "array"), ["description"] = "Input template for the child run." },
                },
                "workflow_id"));
    }

    private static IEnumerable<NodeTypeDescriptor> TableNodes()
    {
        // Pure when the source is text; an import from a URL is an activity. The catalog says "not pure" so
        // editors do not promise in-place evaluation for every configuration.
        yield return new(NodeTypes.ImportCsv, "Import CSV",
            "Reads CSV text (inline, or a placeholder such as {{ input.csv }}) or a CSV file at a URL into a table; "
                + "header row, delimiter and column types detected or declared.",
            "tables", false,
            Config(new JsonObject
            {
                ["text"] = Str("CSV text template: inline CSV, or a placeholder such as {{ input.csv }}. Give text or url, not both."),
                ["url"] = Str("URL template of a CSV file (http or https), fetched like an http-node's GET.", minLength: 1),
                ["headers"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Request header name to value template (with url).",
                    ["additionalProperties"] = new JsonObject { ["type"] = "string" },
                },
                ["delimiter"] = Enum("Field separator; auto (the default) detects , ; tab or |.", [.. CsvImportOptions.DelimiterNames]),
                ["has_header"] = Bool("Whether the first record names the columns (default true)."),
                ["columns"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "Columns by position; each may declare its id, header and type, the rest is derived from the CSV.",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["id"] = Str("Column ID, read as {{ row.<id> }}.", minLength: 1),
                            ["header"] = Str("Column header shown to people."),
                            ["type"] = Enum("Cell type.", [.. ColumnTypes.Names]),
                        },
                    },
                },
                ["timeout_seconds"] = Integer("Timeout of the download (with url).", 1, 300),
            }));

        yield return new(NodeTypes.FilterRows, "Filter rows",
            "Keeps the rows of a table for which a condition holds; the condition reads each row as {{ row.<column> }}.", "tables", true,
            Config(
                new JsonObject
                {
                    ["table"] = Str("The table: one placeholder such as {{ csv.result }}.", minLength: 1),
                    ["condition"] = ConditionSchema("Left-hand template, e.g. {{ row.score }}."),
                },
                "table",
                "condition"));

        yield return new(NodeTypes.MapRows, "Map rows",
            "Runs an LLM prompt or an HTTP call for every row of a table, templated with the row's columns, and adds each answer as a new column.",
            "tables", false,
            Config(
                new JsonObject
                {
                    ["table"] = Str("The table: one placeholder such as {{ csv.result }}.", minLength: 1),
                    ["column"] = new JsonObject
                    {
                        ["type"] = new JsonArray("string", "object"),
                        ["description"] = "The column the answers fill: its ID, or {id, header, type}.",
                        ["minLength"] = 1,
                        ["required"] = new JsonArray("id"),
                        ["properties"] = new JsonObject
                        {
                            ["id"] = Str("Column ID.", minLength: 1),
                            ["header"] = Str("Column header."),
                            ["type"] = Enum("The type answers are converted to (default string).", [.. ColumnTypes.Names]),
                        },
                    },
                    ["call"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["description"] = "The call made for every row: a basic-node or http-node configuration whose templates read {{ row.<column> }}.",
                        ["required"] = new JsonArray("type", "data"),
                        ["properties"] = new JsonObject
                        {
                            ["type"] = Enum("The kind of call.", [.. MapRowsSpec.CallTypes]),
                            ["data"] = new JsonObject { ["type"] = "object", ["description"] = "That node type's data." },
                        },
                    },
                    ["concurrency"] = Integer("Rows in flight at once (capped by Tables__MaxConcurrency).", 1, 1000),
                    ["on_row_error"] = Enum("A row whose call fails: fail the node (default) or leave its cell empty.", [.. MapRowsSpec.RowErrorModes]),
                },
                "table",
                "column",
                "call"));
    }

    private static JsonObject ConditionSchema(string left) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("left", "operator"),
        ["properties"] = new JsonObject
        {
            ["left"] = Str(left),
            ["operator"] = Enum("Comparison.", [.. ConditionOperators.Names]),
            ["right"] = Str("Right-hand template (ignored by is_empty / is_not_empty)."),
        },
    };

    /// <summary>The schema of a node's <c>data</c>: the type's own properties plus the settings every node accepts.</summary>
    private static JsonObject Config(JsonObject properties, params string[] required)
    {
        properties["continue_on_error"] = Bool("When true, a failure of this node does not fail the run.");

        // A type may set its own limits; the common one matches the longest run (a day).
        properties.TryAdd("timeout_seconds", Integer("Node timeout.", 1, 86400));
        properties["retry"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Retries of a failed I/O node.",
            ["properties"] = new JsonObject
            {
                ["max_attempts"] = Integer("Attempts, the first included.", 1, 10),
                ["backoff_seconds"] = new JsonObject
                {
                    ["type"] = "number",
                    ["minimum"] = 0,
                    ["maximum"] = 3600,
                    ["description"] = "Delay before the first retry.",
                },
                ["backoff_coefficient"] = new JsonObject
                {
                    ["type"] = "number",
                    ["minimum"] = 1,
                    ["maximum"] = 10,
                    ["description"] = "Factor applied to the delay after each retry.",
                },
            },
        };
        properties["next_nodes"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = true,
        };
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        return schema;
    }

    private static JsonObject Str(string description, int minLength = 0)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (minLength > 0)
        {
            schema["minLength"] = minLength;
        }

        return schema;
    }

    private static JsonObject Integer(string description, int minimum, int maximum) =>
        new() { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum, ["description"] = description };

    private static JsonObject Bool(string description) => new() { ["type"] = "boolean", ["description"] = description };

    private static JsonObject Enum(string description, params string[] values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };
}
