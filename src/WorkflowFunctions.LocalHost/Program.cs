using WorkflowFunctions.LocalHost;

var host = await LocalHostBuilder.StartAsync(args, [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly]);
await host.WaitForShutdownAsync();
