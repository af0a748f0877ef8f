using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.Scout.Contracts;

/// <summary>
/// One event of a workflow run, as the document's example: who and where (<c>organization_id</c>, <c>environment</c>),
/// which event (<c>id</c>, <c>name</c>, <c>timestamp</c>; <c>correlation_id</c> is the same for every event of a run),
/// the run (<c>data</c>), its price so far as a two-decimal string, and the envelope's <c>event_type</c> and
/// <c>version</c>.
/// </summary>
public sealed record EventView(
    string OrganizationId,
    string Id,
    string CorrelationId,
    string Name,
    string Environment,
    DateTimeOffset Timestamp,
    EventDataView Data,
    string Price,
    string EventType,
    string Version);

/// <summary>
/// The run an event is about: the caller (<c>actor</c>), the workflow and run, the inputs, the session, every block's
/// output so far (<c>state</c>, by block id), the config that runs and the price as a number. Beyond the document:
/// the block a block event is about, its output or error, the run's error on <c>workflow_run_failed</c>, and the
/// saved workflow's revision.
/// </summary>
public sealed record EventDataView(
    ActorView Actor,
    string WorkflowId,
    string WorkflowRunId,
    JsonNode Inputs,
    string SessionId,
    JsonObject State,
    JsonNode WorkflowConfig,
    decimal Price)
{
    public string? RevisionId { get; init; }

    public string? BlockId { get; init; }

    public string? BlockType { get; init; }

    public JsonObject? Output { get; init; }

    public RunErrorView? Error { get; init; }
}

/// <summary>Who started the run: the API key (<c>type</c> is always <c>external</c>: a caller of the API).</summary>
public sealed record ActorView(string Id, string Type);

/// <summary>Why a block or the run failed; <c>block_id</c> is the block whose failure failed the run, when one did.</summary>
public sealed record RunErrorView(string Message, string? BlockId);

/// <summary>The message a stream ends with when it reaches its time limit before the run ends (the run goes on).</summary>
public sealed record StreamLimitView(string Detail, string WorkflowRunId, string RunUrl, string EventsUrl);
