using System.Collections.Immutable;

namespace VisionZero.Risk;

/// <summary>
/// One corner's training rows for many as-of days, answered in one call. Row r is as of
/// AsOfDays[DayIndex[r]], its features are Features[r*Count..(r+1)*Count] and its label Labels[r]
/// (-1 where the label window has not fully passed). Only rows where the corner was active are sent:
/// a crash in the five years before the day or in the horizon after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.TrainingRows")]
public sealed record TrainingRows(
    [property: Id(0)] ImmutableArray<int> DayIndex,
    [property: Id(1)] ImmutableArray<float> Features,
    [property: Id(2)] ImmutableArray<int> Labels)
{
    public static readonly TrainingRows Empty = new([], [], []);

    public int Count => DayIndex.Length;
}
