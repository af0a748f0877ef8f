using System.Text.Json.Serialization;

namespace WorkflowFunctions.Api.Dialects.ScriptSo.Contracts;

/// <summary><c>POST /workflows/{id}/executions</c>: the new execution, <c>initial</c>.</summary>
public sealed record ExecutionCreatedView(string ExecutionId, string WorkflowId, string Status, DateTimeOffset CreatedAt);

/// <summary>
/// <c>GET /workflows/{id}/executions/{executionId}</c>: its status word and, once <c>finished</c>, its result file; once
/// <c>error</c>, why (an extra member).
/// </summary>
public sealed record ExecutionView(string Id, string WorkflowId, string Status, DateTimeOffset CreatedAt, IReadOnlyList<ResultFileView> Results)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

/// <summary>A result file: its name and a URL that downloads it without an API key until it expires (one hour).</summary>
public sealed record ResultFileView(string Filename, string Url);

/// <summary><c>POST /workflows/{id}/executions/batch</c>: how many executions were created and their ids by item index.</summary>
public sealed record BatchCreatedView(string WorkflowId, int Total, IReadOnlyList<BatchExecutionView> Executions);

public sealed record BatchExecutionView(string ExecutionId, int Index);
