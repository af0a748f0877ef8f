namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>Reference 000's status words: one set for a session (a run), one for its cards (its nodes).</summary>
public static class ScaleStatuses
{
    public static class Session
    {
        /// <summary>Initializing: the run is scheduled and has not reported any node yet.</summary>
        public const string Starting = "starting";

        /// <summary>Cards are queued to run and none is executing.</summary>
        public const string PendingWork = "pending_work";

        /// <summary>A card is executing (or the run is finishing).</summary>
        public const string Processing = "processing";

        /// <summary>All cards finished (some may have errored): results are ready.</summary>
        public const string Idle = "idle";

        /// <summary>The run itself failed, not one of its cards (a timeout, a graph that could not run).</summary>
        public const string Errored = "errored";

        /// <summary>Cancelled.</summary>
        public const string Inactive = "inactive";

        /// <summary>Whether the session has ended: what the result endpoint waits for.</summary>
        public static bool HasEnded(string status) => status is Idle or Errored or Inactive;
    }

    public static class Card
    {
        /// <summary>Not scheduled: waiting for the cards before it, skipped (a branch not taken) or never started.</summary>
        public const string Idle = "idle";

        /// <summary>Queued to run: every card before it has finished.</summary>
        public const string Pending = "pending";

        public const string Processing = "processing";

        public const string Completed = "completed";

        /// <summary>Failed, or stopped while running; see <c>errorMessage</c>.</summary>
        public const string Errored = "errored";
    }
}
