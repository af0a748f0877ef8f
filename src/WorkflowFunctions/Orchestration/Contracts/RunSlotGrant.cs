using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The <c>ClaimRunSlot</c> activity's answer (whether the run holds a slot, else its place in line, 1 being next, and
/// the runs the same write gave a slot to, which the caller wakes), and the payload of the <see cref="RunEvents.Slot"/>
/// event that tells a waiting run its slot was handed to it.
/// </summary>
public sealed record RunSlotGrant
{
    /// <summary>What a run that was handed a slot is told.</summary>
    public static RunSlotGrant Handed { get; } = new() { Held = true };

    [JsonPropertyName("held")]
    public bool Held { get; init; }

    [JsonPropertyName("position")]
    public int? Position { get; init; }

    [JsonPropertyName("wake")]
    public IReadOnlyList<string>? Wake { get; init; }
}
