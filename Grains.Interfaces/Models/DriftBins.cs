using System.Collections.Immutable;

namespace VisionZero.Models;

/// <summary>
/// One distribution as the drift check compares it: the reference's inner quantile edges (each once, so tied values
/// make fewer, wider bins) and the share of the reference in each bin. Bin k holds the values below edge k and at or
/// above edge k - 1; there is one more share than edges.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.DriftBins")]
public sealed record DriftBins(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<double> Edges,
    [property: Id(2)] ImmutableArray<double> Shares);
