using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using VisionZero.Grid;

namespace VisionZero.Client;

/// <summary>
/// The exceptions a command may end with that are not bugs, as the exit code and the one line vz prints
/// for them; anything else stays an unhandled exception with its stack trace.
/// </summary>
public static class CommandFailure
{
    /// <summary>Why vz lost the cluster, when that is how the command failed (exit 3); else null.</summary>
    public static string? LostCluster(Exception error) => FindClusterFailure(error) is { } lost ? OneLine(lost) : null;

    public static (int ExitCode, string Message)? Explain(Exception error) =>
        error switch
        {
            UserInputException e => (e.ExitCode, e.Message),
            // The cluster's answer to a version or id that does not exist.
            KeyNotFoundException e => (ExitCodes.NotFound, e.Message),
            // The cluster answered, but its PostgreSQL did not: an operator's problem, not the input's.
            StorageFailedException e => (ExitCodes.StorageFailed, e.Message),
            // The cluster refused the request and said why (e.g. a cutoff with no data after it).
            InvalidOperationException or ArgumentException => (ExitCodes.BadInput, error.Message),
            _ => null,
        };

    /// <summary>A failure to reach or hear from the cluster, however deep it is wrapped.</summary>
    private static Exception? FindClusterFailure(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is TimeoutException or SiloUnavailableException or ConnectionFailedException or OrleansException)
                return error;
            if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
                return FindClusterFailure(aggregate.InnerExceptions[0]);
        }
        return null;
    }

    private static string OneLine(Exception error) =>
        $"{error.GetType().Name}: {string.Join(' ', error.Message.Split('\n', StringSplitOptions.TrimEntries))}";
}
