using System.Text.Json;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Runs;

/// <summary>
/// How a <see cref="RunRecord"/> is kept in the runs table, shared by the run history (<see cref="RunHistory"/>) and
/// the batch items (<see cref="Batches.BatchItems"/>): the partitions, the time-ordered row key and the columns.
/// </summary>
internal static class RunRows
{
    /// <summary>The status bucket of runs that have not ended.</summary>
    public const string ActiveBucket = "active";

    public static readonly IReadOnlyList<string> RecordColumns =
    [
        "RunId", "WorkflowId", "Version", "Status", "CreatedAt", "StartedAt", "CompletedAt", "DurationMs", "TotalCost", "BatchId", "BatchIndex",
        "Error", "InputTokens", "OutputTokens", "ParentRunId", "Tags",
    ];

    public static string AccountPartition(string account) => "a~" + account;

    public static string WorkflowPartition(string account, string workflow) => "w~" + account + "~" + workflow;

    public static string StatusPartition(string account, string bucket) => "s~" + account + "~" + bucket;

    public static string BatchPartition(string account, string batch) => "b~" + account + "~" + batch;

    // Sub-run and parent ids hold ':' (allowed in keys; only '/', '\\', '#', '?' and control characters are not).
    public static string ChildPartition(string account, string parent) => "c~" + account + "~" + parent;

    /// <summary>The history row key: newest first, then the run ID, so a created range is a row-key range.</summary>
    public static string TimeKey(RunRecord run) => StorageKeys.NewestFirst(run.CreatedAt) + "~" + run.RunId;

    public static TableEntity Row(string partition, string rowKey, RunRecord run) => Fill(new TableEntity(partition, rowKey), run);

    public static TableEntity Fill(TableEntity row, RunRecord run)
    {
        row["RunId"] = run.RunId;
        row["Status"] = run.Status;
        row["CreatedAt"] = run.CreatedAt;
        Set(row, "WorkflowId", run.WorkflowId);
        Set(row, "Version", run.Version);
        Set(row, "StartedAt", run.StartedAt);
        Set(row, "CompletedAt", run.CompletedAt);
        Set(row, "DurationMs", run.DurationMs);
        Set(row, "TotalCost", run.TotalCost is { } cost ? (double)cost : null);
        Set(row, "BatchId", run.BatchId);
        Set(row, "BatchIndex", run.BatchIndex);
        Set(row, "Error", run.Error is { Length: > 1000 } e ? e[..1000] : run.Error);
        Set(row, "InputTokens", run.InputTokens);
        Set(row, "OutputTokens", run.OutputTokens);
        Set(row, "ParentRunId", run.ParentRunId);
        Set(row, "Tags", run.Tags is { Count: > 0 } tags ? JsonSerializer.Serialize(tags) : null);
        return row;
    }

    public static RunRecord ToRecord(string accountId, TableEntity row) => new()
    {
        AccountId = accountId,
        RunId = row.GetString("RunId"),
        WorkflowId = row.GetString("WorkflowId"),
        Version = row.GetInt32("Version"),
        Status = row.GetString("Status") ?? RunStatuses.Queued,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        StartedAt = row.GetDateTimeOffset("StartedAt"),
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        DurationMs = row.GetInt64("DurationMs"),
        TotalCost = row.GetDouble("TotalCost") is { } cost ? (decimal)cost : null,
        BatchId = row.GetString("BatchId"),
        BatchIndex = row.GetInt32("BatchIndex"),
        Error = row.GetString("Error"),
        InputTokens = row.GetInt64("InputTokens"),
        OutputTokens = row.GetInt64("OutputTokens"),
        ParentRunId = row.GetString("ParentRunId"),
        Tags = row.GetString("Tags") is { } tags ? JsonSerializer.Deserialize<Dictionary<string, string>>(tags) : null,
    };

    private static void Set(TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }
}
