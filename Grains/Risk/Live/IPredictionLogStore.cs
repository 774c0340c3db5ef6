using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// Where served predictions are kept for the feedback loop: PostgreSQL, or memory on the embedded default.
/// </summary>
public interface IPredictionLogStore
{
    /// <summary>Keeps the predictions; one already kept for the same version, corner and day stays as it was.</summary>
    Task AddAsync(IReadOnlyCollection<PredictionRecord> predictions, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many predictions of the version are kept, and those as of <paramref name="maturedBy"/> or before (at most
    /// <paramref name="limit"/>, the newest days first).
    /// </summary>
    Task<(int Logged, ImmutableArray<PredictionRecord> Matured)> ReadAsync(
        int version, DateOnly maturedBy, int limit, CancellationToken cancellationToken = default);

    /// <summary>Drops the oldest predictions past <paramref name="maxRows"/>; says how many went.</summary>
    Task<long> PruneAsync(int maxRows, CancellationToken cancellationToken = default);
}
