namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>Holds every arriving caller until <paramref name="parties"/> of them are waiting at once.</summary>
public sealed class Rendezvous(int parties)
{
    private readonly TaskCompletionSource _everyoneArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Parties { get; } = parties;

    public async Task<int> ArriveAsync(int index, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _arrived) >= Parties)
        {
            _everyoneArrived.TrySetResult();
        }

        await _everyoneArrived.Task.WaitAsync(cancellationToken);
        return index;
    }
}
