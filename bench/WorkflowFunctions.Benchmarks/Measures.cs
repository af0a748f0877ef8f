using System.Globalization;

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

    /// <summary>The emulator's user and system CPU so far, from /proc (Linux), when <c>BENCH_AZURITE_PID</c> names its process.</summary>
    public static TimeSpan? EmulatorCpu()
    {
        if (Environment.GetEnvironmentVariable("BENCH_AZURITE_PID") is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
