using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>
/// What every row of one map-rows node shares: the call (a <c>basic-node</c> or <c>http-node</c> configuration), the
/// slice of the run its templates read besides the row (see <c>TemplateScope.Slice</c>), and the retry policy.
/// </summary>
public sealed record MapRowsCall
{
    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = "";

    [JsonPropertyName("workflow_id")]
    public string WorkflowId { get; init; } = "";

    [JsonPropertyName("account_id")]
    public string AccountId { get; init; } = "";

    /// <summary>The map-rows node.</summary>
    [JsonPropertyName("node_id")]
    public string NodeId { get; init; } = "";

    /// <summary>The node type each row's call runs as (its executor's type).</summary>
    [JsonPropertyName("call_type")]
    public string CallType { get; init; } = "";

    /// <summary>The call's configuration, templates not rendered.</summary>
    [JsonPropertyName("call_data")]
    public JsonObject CallData { get; init; } = [];

    /// <summary>The part of the run input the call's templates read.</summary>
    [JsonPropertyName("input")]
    public JsonNode? Input { get; init; }

    /// <summary>The parts of finished nodes' records the call's templates read.</summary>
    [JsonPropertyName("nodes")]
    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>The bare variables the call's templates read.</summary>
    [JsonPropertyName("variables")]
    public IReadOnlyList<string>? Variables { get; init; }

    [JsonPropertyName("policy")]
    public RowCallPolicy Policy { get; init; } = new();

    /// <summary>With <c>on_row_error: empty</c> a failed row does not stop the others.</summary>
    [JsonPropertyName("continue_on_row_error")]
    public bool ContinueOnRowError { get; init; }

    /// <summary>The <c>ExecuteNode</c> request of one row: the node's executor sees the row as <c>{{ row.* }}</c>.</summary>
    internal NodeExecutionRequest RowRequest(JsonObject row) => new()
    {
        RunId = RunId,
        WorkflowId = WorkflowId,
        AccountId = AccountId,
        NodeId = NodeId,
        NodeType = CallType,
        Node = CallData,
        Input = Input,
        Nodes = Nodes,
        Variables = Variables,
        Row = row,
        TimeoutSeconds = Policy.TimeoutSeconds,
    };
}
