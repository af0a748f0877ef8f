using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Workflows;

/// <summary>
/// Saved workflows. One partition per account holds, atomically updated together:
/// <list type="bullet">
/// <item><c>w~{id}</c>: the head row (metadata, latest version; its ETag guards every update);</item>
/// <item><c>n~{alias descending}</c>: the list row, a copy of the metadata ordered newest first, which also resolves integer aliases;</item>
/// <item><c>v~{id}~{version}</c>: immutable versions (definition inline, or in a blob when over the property limit);</item>
/// <item><c>~alias</c>: the account's alias counter.</item>
/// </list>
/// Head, list row and new version are written in one transaction, so a reader never sees them disagree, and a
/// lost ETag race retries the whole change: concurrent updates never overwrite each other.
/// </summary>
public sealed class WorkflowRepository(StorageTables storage, TimeProvider time)
{
    private const int MaxAttempts = 20;
    private const string CounterKey = "~alias";
    private const int MaxCachedVersions = 256;
    private readonly ITableStore _table = storage.Workflows;
    private readonly LargeText _text = new(storage.Payloads, storage.Options.InlineTextLimit);

    // Latest versions read by this instance, by account, workflow and version. Versions are immutable, and an entry is
    // used only when the head row just read names that version with the same content hash, so a workflow deleted and
    // saved again, or changed meanwhile, is never answered from here.
    private readonly ConcurrentDictionary<(string AccountId, string WorkflowId, int Version), WorkflowVersionRecord> _latest = new();

    public Task<WorkflowRecord> CreateAsync(
        string accountId, string title, string? project, string? description, string definition, CancellationToken cancellationToken) =>
        CreateAsync(accountId, title, project, description, definition, null, cancellationToken);

    /// <summary>Saves a new workflow as version 1, with its own cap on concurrent runs (null: the account's default; 0: none).</summary>
    public async Task<WorkflowRecord> CreateAsync(
        string accountId, string title, string? project, string? description, string definition, int? maxConcurrentRuns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var alias = await NextAliasAsync(accountId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var record = new WorkflowRecord
        {
            AccountId = accountId,
            Id = StorageKeys.NewId("wf_"),
            Alias = alias,
            Title = title,
            Project = project,
            Description = description,
            MaxConcurrentRuns = maxConcurrentRuns,
            LatestVersion = 1,
            LatestHash = StorageKeys.Sha256(definition),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var version = await VersionRowAsync(record, definition, cancellationToken).ConfigureAwait(false);
        await _table.SubmitAsync(
            [TableOperation.Add(HeadRow(record)), TableOperation.Add(ListRow(record)), TableOperation.Add(version)],
            cancellationToken).ConfigureAwait(false);
        return (await FindAsync(accountId, record.Id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The workflow by ID, integer alias or UUID (<see cref="WorkflowUuids"/>); null when the account has no such workflow.</summary>
    public async Task<WorkflowRecord?> FindAsync(string accountId, string idOrAlias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrAlias);
        var id = idOrAlias;
        if (int.TryParse(idOrAlias, NumberStyles.None, CultureInfo.InvariantCulture, out var alias))
        {
            var list = await _table.GetAsync(accountId, ListKey(alias), cancellationToken).ConfigureAwait(false);
            if (list?.GetString("Id") is not { } aliased)
            {
                return null;
            }

            id = aliased;
        }
        else if (WorkflowUuids.WorkflowIdOf(idOrAlias) is { } named)
        {
            id = named;
        }
        else if (Guid.TryParseExact(idOrAlias, "D", out _))
        {
            // A UUID that is not a workflow's: no workflow id has this form, so there is nothing to read.
            return null;
        }
        else if (!StorageKeys.IsKeySafe(idOrAlias))
        {
            return null;
        }

        var head = await _table.GetAsync(accountId, HeadKey(id), cancellationToken).ConfigureAwait(false);
        return head is null ? null : ToRecord(accountId, head);
    }

    public async Task<Page<WorkflowRecord>> ListAsync(string accountId, WorkflowListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await _table.QueryAsync(
            new TableQuery(accountId)
            {
                RowKeyAfter = query.After ?? "n~",
                RowKeyBefore = StorageKeys.End("n"),
                Take = query.Limit,
                Filter = row =>
                    (query.Project is null || string.Equals(row.GetString("Project"), query.Project, StringComparison.Ordinal))
                    && (query.TitleContains is null
                        || (row.GetString("Title") ?? string.Empty).Contains(query.TitleContains, StringComparison.OrdinalIgnoreCase))
                    && (query.CreatedBefore is not { } before || row.GetDateTimeOffset("CreatedAt") < before),
            },
            cancellationToken).ConfigureAwait(false);
        return new Page<WorkflowRecord>(page.Rows.Select(r => ToRecord(accountId, r)).ToList(), page.ContinueAfter);
    }

    /// <summary>Applies <paramref name="changes"/>, retrying on concurrent updates; null when the workflow does not exist.</summary>
    public async Task<WorkflowRecord?> UpdateAsync(string accountId, string id, WorkflowChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(accountId, id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            if (changes.Precondition is { } precondition && !precondition(current))
            {
                throw new WorkflowPreconditionFailedException(current);
            }

            var hash = changes.Definition is null ? null : StorageKeys.Sha256(changes.Definition);
            var newVersion = hash is not null && hash != current.LatestHash;
            var updated = current with
            {
                Title = changes.Title ?? current.Title,
                Project = changes.ClearProject ? null : changes.Project ?? current.Project,
                Description = changes.ClearDescription ? null : changes.Description ?? current.Description,
                MaxConcurrentRuns = changes.ClearMaxConcurrentRuns ? null : changes.MaxConcurrentRuns ?? current.MaxConcurrentRuns,
                LatestVersion = newVersion ? current.LatestVersion + 1 : current.LatestVersion,
                LatestHash = newVersion ? hash! : current.LatestHash,
                UpdatedAt = time.GetUtcNow(),
            };
            var operations = new List<TableOperation> { TableOperation.Replace(HeadRow(updated), current.ETag), TableOperation.Upsert(ListRow(updated)) };
            if (newVersion)
            {
                operations.Add(TableOperation.Add(await VersionRowAsync(updated, changes.Definition!, cancellationToken).ConfigureAwait(false)));
            }

            try
            {
                await _table.SubmitAsync(operations, cancellationToken).ConfigureAwait(false);
                return await FindAsync(accountId, current.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Deletes the workflow and its versions; false when it did not exist. Running runs are unaffected: they carry
    /// their definition. With <paramref name="precondition"/>, deletes only while it holds (else
    /// <see cref="WorkflowPreconditionFailedException"/>).
    /// </summary>
    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken cancellationToken, Func<WorkflowRecord, bool>? precondition = null)
    {
        var current = await FindAsync(accountId, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        if (precondition is not null && !precondition(current))
        {
            throw new WorkflowPreconditionFailedException(current);
        }

        try
        {
            await _table.SubmitAsync(
                [TableOperation.Delete(accountId, HeadKey(current.Id), current.ETag), TableOperation.Delete(accountId, ListKey(current.Alias), ETag.All)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Changed or deleted concurrently: delete whatever is there now (if it still meets the precondition).
            return await DeleteAsync(accountId, current.Id, cancellationToken, precondition).ConfigureAwait(false);
        }

        foreach (var version in await ListVersionsAsync(accountId, current.Id, cancellationToken).ConfigureAwait(false))
        {
            var row = await _table.GetAsync(accountId, VersionKey(current.Id, version.Version), cancellationToken).ConfigureAwait(false);
            if (row?.GetString("DefinitionBlob") is { } blob)
            {
                await storage.Payloads.DeleteAsync(blob, cancellationToken).ConfigureAwait(false);
            }

            await _table.DeleteAsync(accountId, VersionKey(current.Id, version.Version), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Every version's metadata, oldest first (definitions not loaded).</summary>
    public async Task<IReadOnlyList<WorkflowVersionRecord>> ListVersionsAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        var versions = new List<WorkflowVersionRecord>();
        string? after = VersionPrefix(id);
        while (after is not null)
        {
            var page = await _table.QueryAsync(
                new TableQuery(accountId)
                {
                    RowKeyAfter = after,
                    RowKeyBefore = StorageKeys.End(VersionPrefix(id).TrimEnd('~')),
                    Select = ["Version", "CreatedAt", "Hash", "SizeBytes"],
                },
                cancellationToken).ConfigureAwait(false);
            versions.AddRange(page.Rows.Select(r => ToVersion(id, r, null)));
            after = page.ContinueAfter;
        }

        return versions;
    }

    /// <summary>One version with its definition (the latest when <paramref name="version"/> is null); null when absent.</summary>
    /// <remarks>
    /// The latest version is read once per instance: starting a run of a saved workflow reads its head row (which
    /// version is the latest, and its hash) and, from the second run on, no version row (issue 17: one storage request
    /// of each run).
    /// </remarks>
    public async Task<WorkflowVersionRecord?> GetVersionAsync(string accountId, WorkflowRecord workflow, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var number = version ?? workflow.LatestVersion;
        var key = (accountId, workflow.Id, number);
        var latest = number == workflow.LatestVersion && workflow.LatestHash.Length > 0;
        if (latest && _latest.TryGetValue(key, out var cached) && cached.Hash == workflow.LatestHash)
        {
            return cached;
        }

        var row = await _table.GetAsync(accountId, VersionKey(workflow.Id, number), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var definition = await _text.ReadAsync(row, "Definition", cancellationToken).ConfigureAwait(false);
        var read = ToVersion(workflow.Id, row, definition);
        if (latest && read.Hash == workflow.LatestHash)
        {
            if (_latest.Count >= MaxCachedVersions)
            {
                _latest.Clear();
            }

            _latest[key] = read;
        }

        return read;
    }

    private async Task<int> NextAliasAsync(string accountId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counter = await _table.GetAsync(accountId, CounterKey, cancellationToken).ConfigureAwait(false);
            var next = (counter?.GetInt32("Next") ?? 0) + 1;
            var row = new TableEntity(accountId, CounterKey) { ["Next"] = next };
            try
            {
                if (counter is null)
                {
                    await _table.AddAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.ReplaceAsync(row, counter.ETag, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (TableConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TableEntity> VersionRowAsync(WorkflowRecord workflow, string definition, CancellationToken cancellationToken)
    {
        var row = new TableEntity(workflow.AccountId, VersionKey(workflow.Id, workflow.LatestVersion))
        {
            ["Version"] = workflow.LatestVersion,
            ["CreatedAt"] = workflow.UpdatedAt,
            ["Hash"] = workflow.LatestHash,
            ["SizeBytes"] = LargeText.Utf8Length(definition),
        };
        var blob = $"workflows/{workflow.AccountId}/{workflow.Id}/v{workflow.LatestVersion}-{workflow.LatestHash[..16]}.json";
        await _text.WriteAsync(row, "Definition", definition, blob, cancellationToken).ConfigureAwait(false);
        return row;
    }

    private static string HeadKey(string id) => "w~" + id;

    private static string ListKey(int alias) => "n~" + StorageKeys.NumberDescending(alias);

    private static string VersionPrefix(string id) => "v~" + id + "~";

    private static string VersionKey(string id, int version) => VersionPrefix(id) + StorageKeys.Number(version);

    private static TableEntity HeadRow(WorkflowRecord r) => Metadata(new TableEntity(r.AccountId, HeadKey(r.Id)), r);

    private static TableEntity ListRow(WorkflowRecord r) => Metadata(new TableEntity(r.AccountId, ListKey(r.Alias)), r);

    private static TableEntity Metadata(TableEntity row, WorkflowRecord r)
    {
        row["Id"] = r.Id;
        row["Alias"] = r.Alias;
        row["Title"] = r.Title;
        // Absent optional fields are left out: Replace writes the whole row, so omitting a property clears it.
        if (r.Project is not null)
        {
            row["Project"] = r.Project;
        }

        if (r.Description is not null)
        {
            row["Description"] = r.Description;
        }

        if (r.MaxConcurrentRuns is { } cap)
        {
            row["MaxConcurrentRuns"] = cap;
        }

        row["LatestVersion"] = r.LatestVersion;
        row["LatestHash"] = r.LatestHash;
        row["CreatedAt"] = r.CreatedAt;
        row["UpdatedAt"] = r.UpdatedAt;
        return row;
    }

    private static WorkflowRecord ToRecord(string accountId, TableEntity row) => new()
    {
        AccountId = accountId,
        Id = row.GetString("Id"),
        Alias = row.GetInt32("Alias") ?? 0,
        Title = row.GetString("Title") ?? string.Empty,
        Project = row.GetString("Project"),
        Description = row.GetString("Description"),
        MaxConcurrentRuns = row.GetInt32("MaxConcurrentRuns"),
        LatestVersion = row.GetInt32("LatestVersion") ?? 1,
        LatestHash = row.GetString("LatestHash") ?? string.Empty,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = row.ETag,
    };

    private static WorkflowVersionRecord ToVersion(string id, TableEntity row, string? definition) => new()
    {
        WorkflowId = id,
        Version = row.GetInt32("Version") ?? 0,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        Hash = row.GetString("Hash") ?? string.Empty,
        SizeBytes = row.GetInt32("SizeBytes") ?? 0,
        Definition = definition,
    };
}
