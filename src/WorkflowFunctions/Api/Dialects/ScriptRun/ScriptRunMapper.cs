using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// Reference 003's shapes from the application layer's records, with no I/O: workflows (integer ids and projects),
/// run starts and refusals in the execution service's envelope, run results keyed by node id with the document's
/// status words, history rows, and DRF pages with absolute links.
/// </summary>
public static class ScriptRunMapper
{
    public static WorkflowView Workflow(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        using var data = JsonDocument.Parse(loaded.Version.Definition ?? "{}");
        var w = loaded.Workflow;
        return new WorkflowView(w.Alias, ProjectNumber(w.Project), w.Title, data.RootElement.Clone(), w.CreatedAt, w.UpdatedAt);
    }

    public static WorkflowSummaryView Summary(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new WorkflowSummaryView(workflow.Alias, ProjectNumber(workflow.Project), workflow.Title, workflow.CreatedAt, workflow.UpdatedAt);
    }

    /// <summary>Projects are integers here; one named otherwise through the native API has none in this API.</summary>
    public static long? ProjectNumber(string? project) =>
        long.TryParse(project, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static CheckView Check(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var report = loaded.Prepared.Report;
        var findings = report.Findings
            .Select(f => new FindingView(f.Severity == FindingSeverity.Error ? "error" : "warning", f.Code, f.Message, f.NodeId, f.Path))
            .ToList();
        var errors = Messages(report.Errors);
        if (errors.Count == 0 && RunInputs.CheckDefinition(loaded.Prepared) is { } refused)
        {
            // No finding, yet a run would be refused: say why, as the run would.
            errors.Add(refused.Message);
        }

        return new CheckView(loaded.Workflow.Alias, errors.Count == 0, errors, Messages(report.Warnings), findings);
    }

    public static NodeTypeView NodeType(NodeTypeDescriptor type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new NodeTypeView(type.Type, type.Title, type.Description, type.Category, (JsonObject)type.ConfigSchema.DeepClone());
    }

    /// <summary>
    /// A run start as <c>/run/</c> answers it: HTTP 200 with inner 201 when started; inner 400 with the graph's errors
    /// for a draft or a graph that cannot run; inner 422 with the input's problems. Anything else (an unknown workflow,
    /// a body over the limit) is a real HTTP failure.
    /// </summary>
    public static Outcome<ApiResponse> Started(Outcome<StartedRun> started)
    {
        if (started.Failure is not { } failure)
        {
            return ApiResponse.Ok(new EnvelopeView<RunCreatedView>(new RunCreatedView(started.Value.RunId, ScriptRunStatuses.Created), 201));
        }

        return failure.Kind switch
        {
            FailureKind.InvalidDefinition =>
                Refused(400, failure.Findings.Count > 0 ? Messages(failure.Findings.Where(f => f.Severity == FindingSeverity.Error)) : [failure.Message]),
            FailureKind.InvalidInput => Refused(422, failure.InputIssues.Count > 0 ? [.. failure.InputIssues.Select(i => i.Message)] : [failure.Message]),
            _ => failure,
        };
    }

    /// <summary>A run that was not started: HTTP 200, the reason in the inner status and <c>data.errors</c>.</summary>
    public static ApiResponse Refused(int status, IReadOnlyList<string> errors) =>
        ApiResponse.Ok(new EnvelopeView<RunRefusedView>(new RunRefusedView(errors), status));

    /// <summary><c>workflow_result/</c> of a run the caller can see.</summary>
    public static EnvelopeView<RunResultView> Result(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = ScriptRunStatuses.Of(run.Status);
        var nodes = new Dictionary<string, NodeResultView>(StringComparer.Ordinal);
        foreach (var node in run.Nodes)
        {
            if (ScriptRunStatuses.Of(node.Status) is not { } word)
            {
                continue;
            }

            nodes[node.Id] = new NodeResultView(node.Id, word)
            {
                Result = word == ScriptRunStatuses.Succeed && node.Result is { } result ? WithTextContent(result) : null,
                Error = word == ScriptRunStatuses.Failed ? node.Error ?? (run.IsFinal ? run.Error?.Message : null) : null,
            };
        }

        var error = run.Status is Engine.Execution.RunStatus.Failed or Engine.Execution.RunStatus.Cancelled ? run.Error?.Message ?? "The run failed." : null;
        if (run.IsFinal && nodes.Count == 0)
        {
            // The document's clients wait for node results once a run has ended and loop until their deadline on an
            // empty map. A run that ended before any node reported (stopped before it started, or whose orchestration
            // itself failed) is shown as one failed entry under its own id, with why.
            nodes[run.Id] = new NodeResultView(run.Id, ScriptRunStatuses.Failed) { Error = error };
        }

        var data = new RunResultView(run.Id, status, nodes)
        {
            Metrics = run.Result is { } finished ? new RunMetricsView(finished.Metrics.TotalCost) : null,
            Error = error,
        };
        return new EnvelopeView<RunResultView>(data, 200);
    }

    /// <summary>
    /// <c>workflow_result/</c> of an id that names no run of the caller: the document's error table says HTTP 400 and
    /// its status table <c>not found</c>, so both hold, inside the usual envelope with an empty <c>data.data</c>.
    /// </summary>
    public static ApiResponse NotFoundResult(string id) =>
        new(400, new EnvelopeView<RunResultView>(new RunResultView(id, ScriptRunStatuses.NotFound, new Dictionary<string, NodeResultView>()), 404)
        {
            Detail = "Workflow run not found.",
        });

    public static HistoryItemView HistoryItem(RunSummary run, int workflowAlias)
    {
        ArgumentNullException.ThrowIfNull(run);
        var r = run.Record;
        return new HistoryItemView(
            r.RunId, workflowAlias, ScriptRunStatuses.Of(run.Status), r.CreatedAt, r.StartedAt, r.CompletedAt, r.DurationMs / 1000.0, r.TotalCost, r.Error);
    }

    /// <summary>The response to a page number that is not a page of the list (DRF's answer).</summary>
    public static ApiResponse InvalidPage { get; } = new(404, new DetailView("Invalid page."));

    /// <summary>
    /// The page <paramref name="number"/> of <paramref name="page"/> (DRF's <c>count</c>, <c>next</c>, <c>previous</c>,
    /// <c>results</c>), or <see cref="InvalidPage"/> when the list has no such page (the first page always exists).
    /// <paramref name="requestUrl"/> is the absolute URL of the request, whose other query parameters the links keep.
    /// </summary>
    public static ApiResponse Page<TItem, TView>(NumberedPage<TItem> page, Func<TItem, TView> map, Uri requestUrl, int number, int size)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(requestUrl);
        var last = Math.Max(1, (page.Count + size - 1) / size);
        if (number > last)
        {
            return InvalidPage;
        }

        var next = number < last ? ScriptRunPaging.Link(requestUrl, number + 1) : null;
        var previous = number > 1 ? ScriptRunPaging.Link(requestUrl, number - 1) : null;
        return ApiResponse.Ok(new PageView<TView>(page.Count, next, previous, [.. page.Items.Select(map)]));
    }

    // result.content is always a string in this API: text as it is, anything else as compact JSON text.
    private static JsonObject WithTextContent(JsonObject result)
    {
        var copy = (JsonObject)result.DeepClone();
        var content = copy["content"];
        if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return copy;
        }

        copy["content"] = (content ?? result).ToJsonString(ScriptRunDialect.JsonOptions);
        return copy;
    }

    private static List<string> Messages(IEnumerable<ValidationFinding> findings) => [.. findings.Select(f => f.Message)];
}
