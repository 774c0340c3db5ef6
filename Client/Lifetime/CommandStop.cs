namespace VisionZero.Client.Lifetime;

/// <summary>
/// Why vz stops before its command has finished (Ctrl-C, SIGTERM, a lost cluster): the first reason wins,
/// cancels the command's token, and the command can say what it leaves behind. One per process.
/// </summary>
public sealed class CommandStop
{
    /// <summary>
    /// How long a stopped command may take to unwind: an ingest marks its run abandoned once the batch in
    /// flight is stored. A second signal does not wait.
    /// </summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(20);

    /// <summary>A lost cluster will not answer the unwinding command: leave sooner.</summary>
    private static readonly TimeSpan LostClusterGrace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private string? _reason;
    private int _exitCode;
    private Func<bool, string>? _leftBehind;

    public static CommandStop Current { get; } = new();

    /// <summary>Passed to the command: cancelled on the first stop.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Completes on the first stop.</summary>
    public Task Stopped => _stopped.Task;

    public bool IsStopped => _stopped.Task.IsCompleted;

    public int ExitCode => _exitCode;

    public TimeSpan Grace => _exitCode == ExitCodes.NoCluster ? LostClusterGrace : InterruptGrace;

    /// <summary>Where the command's cluster is ("127.0.0.1:30000"), for messages about it.</summary>
    public string? ClusterAddress { get; set; }

    /// <summary>The one line vz prints when stopped: why, and what the command left behind.</summary>
    public string Message
    {
        get
        {
            var left = _leftBehind?.Invoke(_exitCode == ExitCodes.NoCluster);
            return left is null ? _reason! : $"{_reason}; {left}";
        }
    }

    /// <summary>
    /// What the command would leave behind if stopped now (told whether the cluster was lost); null once
    /// there is nothing.
    /// </summary>
    public void LeavingBehind(Func<bool, string>? describe) => _leftBehind = describe;

    public void Interrupt(string signal, int exitCode) => Stop($"stopped by {signal}", exitCode);

    public void LoseCluster(string why) =>
        Stop($"lost the cluster at {ClusterAddress ?? "its gateway"}: {why}", ExitCodes.NoCluster);

    private void Stop(string reason, int exitCode)
    {
        lock (_lock)
        {
            if (_reason is not null)
                return;
            _reason = reason;
            _exitCode = exitCode;
        }
        _stopped.TrySetResult();
        // Cancelling runs the command's continuations: not on a signal or socket thread.
        _ = Task.Run(_cancel.Cancel);
    }
}
