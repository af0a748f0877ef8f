namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The fixed start of every run's event feed: <see cref="Queued"/> and <see cref="Started"/>; the orchestrator
/// numbers node events from <see cref="Started"/> + 1 on, then the output and the terminal event.
/// </summary>
public static class RunEventNumbers
{
    public const int Queued = 1;

    public const int Started = 2;
}
