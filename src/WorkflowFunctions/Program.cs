using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using WorkflowFunctions;
using WorkflowFunctions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddWorkflowFunctions(builder.Configuration);
builder.Services.AddWorkflowTelemetry(builder.Configuration);
builder.Build().Run();
