using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// Rows found, and the row key to continue after when the range may hold more (null when it is exhausted).
/// Continuing after a row key stays correct while rows are added elsewhere in the range.
/// </summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Rows, string? ContinueAfter);
