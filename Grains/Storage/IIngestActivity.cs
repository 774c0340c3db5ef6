using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Grains.Storage;

/// <summary>What the ledger and the quarantine say of recent ingests: the data dashboard's source.</summary>
public interface IIngestActivity
{
    /// <summary>
    /// The runs started since then (newest first, at most <see cref="IngestActivity.MaxRuns"/>), the newest
    /// quarantined rows (at most <paramref name="quarantined"/>), and how many records are stored.
    /// </summary>
    Task<IngestActivity> ReadAsync(
        DateTimeOffset since, int quarantined, CancellationToken cancellationToken = default);
}

public sealed record IngestActivity(
    ImmutableArray<IngestRunRow> Runs, ImmutableArray<QuarantinedRow> Quarantined, long StoredCrashes)
{
    public const int MaxRuns = 1_000;
}

/// <summary>One ledger row; its summary is null while running and for an abandoned run that counted nothing.</summary>
public sealed record IngestRunRow(
    Guid RunId,
    string Source,
    string Status,
    bool Replay,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    IngestSummary? Summary);

/// <summary>A row the reader refused, as it arrived (cut to <see cref="MaxText"/> characters for display).</summary>
public sealed record QuarantinedRow(
    Guid RunId, long LineNumber, string Reason, string Detail, string Row, DateTimeOffset ReceivedAt)
{
    public const int MaxText = 300;
}
