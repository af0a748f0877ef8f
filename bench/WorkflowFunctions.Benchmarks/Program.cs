using BenchmarkDotNet.Running;
using WorkflowFunctions.Benchmarks;

// "durable" runs the end-to-end engine benchmark (runs on the real Durable Task engine); anything else goes
// to BenchmarkDotNet (micro-benchmarks of the engine library).
if (args.Length > 0 && args[0] == "durable")
{
    await DurableBenchmark.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
