using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace WorkflowFunctions.Telemetry;

/// <summary>
/// Stamps the enclosing node span's run, workflow and node IDs on every telemetry item recorded inside it,
/// so a node's HTTP dependencies (LLM and HTTP-node calls) and its traces can be found by those IDs directly
/// rather than only through the operation they belong to.
/// </summary>
internal sealed class NodeContextTelemetryInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        if (telemetry is not ISupportProperties item)
        {
            return;
        }

        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.Source.Name != WorkflowTelemetry.SourceName)
            {
                continue;
            }

            foreach (var (key, value) in activity.TagObjects)
            {
                item.Properties.TryAdd(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            return;
        }
    }
}
