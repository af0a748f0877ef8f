namespace WorkflowFunctions.Storage.Slots;

/// <summary>A workflow's slots as stored: the cap in force (0: none), the runs holding a slot and those waiting, in line order.</summary>
public sealed record SlotLine(int Limit, int Holding, int Waiting, IReadOnlyList<SlotHolder> Holders, IReadOnlyList<string> Waiters)
{
    public static SlotLine Empty { get; } = new(0, 0, 0, [], []);
}

/// <summary>A run holding one of its workflow's slots, since when.</summary>
public sealed record SlotHolder(string RunId, DateTimeOffset Since);
