namespace WorkflowFunctions.Storage.Slots;

/// <summary>
/// What a claim or a release did: whether the run holds a slot, its place in line when it waits (1 is next), and the
/// other runs that were given a slot by the same write, which the caller must wake.
/// </summary>
public sealed record SlotGrant(bool Held, int Position, IReadOnlyList<string> Promoted)
{
    public static SlotGrant Holding(IReadOnlyList<string> promoted) => new(true, 0, promoted);

    public static SlotGrant Waiting(int position, IReadOnlyList<string> promoted) => new(false, position, promoted);
}
