using Azure;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>What a <see cref="TableOperation"/> does to its row.</summary>
public enum TableOperationKind
{
    /// <summary>Insert; fails when the row exists.</summary>
    Add,

    /// <summary>Replace when the ETag matches.</summary>
    Replace,

    /// <summary>Insert or replace unconditionally.</summary>
    Upsert,

    /// <summary>Delete when the ETag matches (<see cref="ETag.All"/> for any version).</summary>
    Delete,

    /// <summary>Set the entity's properties on the existing row, keeping the others, when the ETag matches (<see cref="ETag.All"/> for any version).</summary>
    Merge,
}

/// <summary>One step of an atomic <see cref="ITableStore.SubmitAsync"/> transaction.</summary>
public sealed record TableOperation(TableOperationKind Kind, TableEntity Entity, ETag IfMatch = default)
{
    public static TableOperation Add(TableEntity entity) => new(TableOperationKind.Add, entity);

    public static TableOperation Replace(TableEntity entity, ETag ifMatch) => new(TableOperationKind.Replace, entity, ifMatch);

    public static TableOperation Upsert(TableEntity entity) => new(TableOperationKind.Upsert, entity);

    public static TableOperation Merge(TableEntity entity, ETag ifMatch) => new(TableOperationKind.Merge, entity, ifMatch);

    public static TableOperation Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(TableOperationKind.Delete, new TableEntity(partitionKey, rowKey), ifMatch);
}
