using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Slots;

public sealed partial class RunSlots
{
    /// <summary>
    /// The gate row as read, with the cap that governs the change being made: the newer of the row's reading and the
    /// claim's (a run started after the cap changed carries the new one). Every change writes the gate under the ETag it
    /// was read with, which is what makes the changes to one workflow's slots happen one at a time.
    /// </summary>
    private sealed class Gate
    {
        // Table Storage keeps no earlier date; a claim that knows no cap reading (a reaped holder's) never writes one.
        private static readonly DateTimeOffset Earliest = new(1601, 1, 2, 0, 0, 0, TimeSpan.Zero);
        private readonly TableEntity? _row;
        private readonly string _partition;
        private readonly DateTimeOffset? _reapAfter;

        private Gate(TableEntity? row, string partition, int limit, DateTimeOffset limitSetAt, bool changed)
        {
            _row = row;
            _partition = partition;
            _reapAfter = row?.GetDateTimeOffset("ReapAfter");
            Limit = limit;
            LimitSetAt = limitSetAt;
            Changed = changed;
            Holding = row?.GetInt32("Holding") ?? 0;
            Waiting = row?.GetInt32("Waiting") ?? 0;
        }

        /// <summary>The cap in force; 0 is none.</summary>
        public int Limit { get; }

        public DateTimeOffset LimitSetAt { get; }

        /// <summary>True when the row does not exist or the claim's cap is newer than the row's: a write must record it.</summary>
        public bool Changed { get; }

        public int Holding { get; }

        public int Waiting { get; }

        /// <summary>Slots free now (may be negative after the cap was lowered; <see cref="int.MaxValue"/> without a cap).</summary>
        public int Free => FreeOf(Limit, Holding);

        public static int FreeOf(int limit, int holding) => limit <= 0 ? int.MaxValue : limit - holding;

        public static Gate Read(TableEntity? row, string partition, SlotClaim claim)
        {
            if (row?.GetDateTimeOffset("LimitSetAt") is { } setAt && setAt >= claim.LimitSetAt)
            {
                return new Gate(row, partition, row.GetInt32("Limit") ?? 0, setAt, changed: false);
            }

            return new Gate(row, partition, Math.Max(0, claim.Limit), claim.LimitSetAt < Earliest ? Earliest : claim.LimitSetAt, changed: true);
        }

        /// <summary>The gate with the counters after the change: inserted when it did not exist, else replaced under its ETag.</summary>
        public TableOperation Write(int holding, int waiting)
        {
            var row = new TableEntity(_partition, GateKey)
            {
                ["Limit"] = Limit,
                ["LimitSetAt"] = LimitSetAt,
                ["Holding"] = holding,
                ["Waiting"] = waiting,
            };
            if (_reapAfter is { } reapAfter)
            {
                row["ReapAfter"] = reapAfter;
            }

            return _row is null ? TableOperation.Add(row) : TableOperation.Replace(row, _row.ETag);
        }
    }
}
