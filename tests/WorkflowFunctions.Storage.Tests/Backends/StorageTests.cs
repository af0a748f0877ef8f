using System.Security.Cryptography;

namespace WorkflowFunctions.Storage.Tests.Backends;

/// <summary>
/// Base of every repository test class: a derived class per backend runs the same tests on Azurite and in
/// memory, which is what shows the in-memory tables behave like Azure's.
/// </summary>
public abstract class StorageTests(IStorageBackend backend) : IAsyncLifetime
{
    /// <summary>Whole seconds, so every backend stores the times exactly.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected StorageTables Storage { get; private set; } = null!;

    protected ManualTimeProvider Time { get; } = new(Start);

    /// <summary>Settings of the storage under test; tests that need other limits override it.</summary>
    protected virtual StorageOptions CreateOptions() => new();

    public async Task InitializeAsync() => Storage = await backend.OpenAsync(CreateOptions());

    public async Task DisposeAsync() => await backend.DisposeAsync();

    /// <summary>A fresh account (partition owner), so rows of one test never meet another's.</summary>
    protected static string NewAccount() => "acct-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
