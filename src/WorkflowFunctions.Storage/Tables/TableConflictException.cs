namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// A conditional write lost: the row already exists (add) or changed or vanished since it was read (replace,
/// delete). Repositories catch it to retry optimistic updates or to report a conflict; it never reaches a client.
/// </summary>
public sealed class TableConflictException : Exception
{
    public TableConflictException()
    {
    }

    public TableConflictException(string message)
        : base(message)
    {
    }

    public TableConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
