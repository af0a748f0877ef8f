namespace WorkflowFunctions.Benchmarks;

/// <summary>What every benchmark reports beside its numbers: the machine's load, and medians over rounds.</summary>
internal static class Measures
{
    /// <summary>The load averages over 1, 5 and 15 minutes ("?" where the OS has no <c>/proc/loadavg</c>).</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    /// <summary>The middle value (the upper one of the two middles for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
