namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A sub-orchestration (a batch item, a <c>workflow-node</c>'s sub-run) cannot be read before its first episode is
/// stored, yet the activities that episode schedules may already have run: DTFx Azure Storage sends an episode's
/// messages before it stores the episode's history and instance row. Readers that find such an activity's effect (a
/// recorded end, a concurrency slot held) but no orchestration give the orchestration <see cref="StoreGrace"/> to
/// appear before they take it for gone.
/// </summary>
public static class FirstEpisode
{
    /// <summary>
    /// The episode's store, or its retry after a crash (the unstored episode's messages come back after their visibility
    /// timeout and it runs again), well within this.
    /// </summary>
    public static readonly TimeSpan StoreGrace = TimeSpan.FromMinutes(10);
}
