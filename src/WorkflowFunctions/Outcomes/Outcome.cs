namespace WorkflowFunctions.Outcomes;

/// <summary>
/// The result of a command or reader: a value, or the <see cref="Failure"/> that stopped it. Either converts
/// implicitly, so an operation returns <c>value</c> or <c>Failure.NotFound(...)</c> alike.
/// </summary>
public readonly record struct Outcome<T>
{
    private readonly T? _value;

    public Outcome(T value)
    {
        _value = value;
        Failure = null;
    }

    public Outcome(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _value = default;
        Failure = failure;
    }

    /// <summary>Null when the operation succeeded.</summary>
    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    /// <summary>The value; throws when the operation failed.</summary>
    public T Value => Failure is null ? _value! : throw new InvalidOperationException("The operation failed: " + Failure.Message);

    public static implicit operator Outcome<T>(T value) => new(value);

    public static implicit operator Outcome<T>(Failure failure) => new(failure);

    /// <summary>The value mapped by <paramref name="map"/>, or the same failure.</summary>
    public Outcome<TResult> Map<TResult>(Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Failure is null ? new Outcome<TResult>(map(_value!)) : new Outcome<TResult>(Failure);
    }

    /// <summary>The next operation on the value, or the same failure.</summary>
    public async Task<Outcome<TResult>> ThenAsync<TResult>(Func<T, Task<Outcome<TResult>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Failure is null ? await next(_value!).ConfigureAwait(false) : new Outcome<TResult>(Failure);
    }
}
