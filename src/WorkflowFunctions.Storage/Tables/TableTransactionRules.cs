namespace WorkflowFunctions.Storage.Tables;

/// <summary>Table Storage's limits on one transaction, enforced by both stores so the in-memory one cannot accept what Azure refuses.</summary>
internal static class TableTransactionRules
{
    public const int MaxOperations = 100;

    public static void Check(IReadOnlyList<TableOperation> operations)
    {
        if (operations.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxOperations} operations; this one has {operations.Count}.", nameof(operations));
        }

        var partition = operations[0].Entity.PartitionKey;
        if (operations.Any(o => !string.Equals(o.Entity.PartitionKey, partition, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Every operation of a transaction must share one partition key.", nameof(operations));
        }

        if (operations.Select(o => o.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != operations.Count)
        {
            throw new ArgumentException("A transaction may touch each row only once.", nameof(operations));
        }
    }
}
