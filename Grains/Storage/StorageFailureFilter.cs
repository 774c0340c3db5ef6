using Npgsql;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>
/// Turns a PostgreSQL failure under any grain call into a <see cref="StorageFailedException"/> the caller can read.
/// </summary>
public sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (Npgsql(e) is { } cause)
        {
            var detail = cause is PostgresException p ? $"{p.SqlState}: {p.MessageText}" : cause.Message;
            // No inner exception: it is what cannot be serialized.
            throw new StorageFailedException(
                $"PostgreSQL failed during {context.InterfaceMethod?.Name ?? "a grain call"}: {detail}");
        }
    }

    private static NpgsqlException? Npgsql(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is NpgsqlException npgsql)
                return npgsql;
        return null;
    }
}
