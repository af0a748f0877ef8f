using WorkflowFunctions.LocalHost;

await using var host = await LocalHostBuilder.StartAsync(args, [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly]);
await host.WaitForShutdownAsync();
