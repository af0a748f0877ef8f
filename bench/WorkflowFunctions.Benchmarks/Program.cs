using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using WorkflowFunctions.Benchmarks;

// "durable" runs the end-to-end engine benchmark (runs on the real Durable Task engine); anything else goes
// to BenchmarkDotNet (micro-benchmarks of the engine library).
if (args.Length > 0 && args[0] == "durable")
{
    await DurableBenchmark.RunAsync(args[1..]);
    return;
}

// "api" runs the HTTP API benchmark on the LocalHost (in memory and/or on Azurite).
if (args.Length > 0 && args[0] == "api")
{
    await ApiBenchmark.RunAsync(args[1..]);
    return;
}

// "single" runs single runs as clients make them (start, then wait for the result) on the LocalHost.
if (args.Length > 0 && args[0] == "single")
{
    await SingleRunBenchmark.RunAsync(args[1..]);
    return;
}

// "storage" counts the storage requests per run at the storage endpoint (a counting proxy in front of an Azurite).
if (args.Length > 0 && args[0] == "storage")
{
    await StorageRequestsBenchmark.RunAsync(args[1..]);
    return;
}

// "events" runs the run event stream benchmark on the LocalHost (in memory and/or on Azurite).
if (args.Length > 0 && args[0] == "events")
{
    await EventsBenchmark.RunAsync(args[1..]);
    return;
}

// "tables" runs a 10,000-row map-rows node on the LocalHost (rows/s and the largest orchestration history).
if (args.Length > 0 && args[0] == "tables")
{
    await TablesBenchmark.RunAsync(args[1..]);
    return;
}

// "listing" measures what a page of run history costs at 1,000 and 100,000 runs (in memory).
if (args.Length > 0 && args[0] == "listing")
{
    await ListingBenchmark.RunAsync(args[1..]);
    return;
}

// "tables-kill" runs it on a LocalHost process on Azurite, killed mid-way (kill -9) and restarted unless told not to.
if (args.Length > 0 && args[0] == "tables-kill")
{
    await TablesKillBenchmark.RunAsync(args[1..]);
    return;
}

// "growth" reports how a run's cost grows with its size: chains of 50, 200, 500 nodes and a fan-out of 1,000.
if (args.Length > 0 && args[0] == "growth")
{
    await GrowthBenchmark.RunAsync(args[1..]);
    return;
}

// The generated benchmark project rebuilds the Functions app and the LocalHost (the durable benchmark needs
// them); on a busy machine that takes longer than BenchmarkDotNet's default two-minute build timeout.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args, config);
