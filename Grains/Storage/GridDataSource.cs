using Npgsql;

namespace VisionZero.Grains.Storage;

/// <summary>The grid's own PostgreSQL connections (raw records, grain state, registry).</summary>
public static class GridDataSource
{
    /// <summary>
    /// 256 KiB, against Npgsql's 8 KiB: an ingest COPYs a large volume, and every buffer flush arms a
    /// timeout timer whose queue lock the silo's threads then contend for (docs/benchmarks.md).
    /// A connection string that sets its own size keeps it.
    /// </summary>
    public const int WriteBufferBytes = 256 * 1024;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Write Buffer Size", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("WriteBufferSize", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.WriteBufferSize = WriteBufferBytes;
        return builder.Build();
    }
}
