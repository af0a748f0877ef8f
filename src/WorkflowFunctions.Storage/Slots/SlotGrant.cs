namespace WorkflowFunctions.Storage.Slots;

/// <summary>
/// What a claim or a release did: whether the run holds a slot, its place in line when it waits (1 is next), and the
/// other runs that were given a slot by the same write, which the caller must wake.
/// </summary>
public sealed record SlotGrant(bool Held, int Position, IReadOnlyList<string> Promoted)
{
    /// <summary>
    /// True when the claim came after its run had ended and released (an activity executed again): it took nothing, and
    /// its answer goes nowhere, so whoever made it must wake <see cref="Promoted"/> itself.
    /// </summary>
    public bool RunEnded { get; init; }

    public static SlotGrant Ended(IReadOnlyList<string> promoted) => new(false, 0, promoted) { RunEnded = true };

    public static SlotGrant Holding(IReadOnlyList<string> promoted) => new(true, 0, promoted);

    public static SlotGrant Waiting(int position, IReadOnlyList<string> promoted) => new(false, position, promoted);
}
