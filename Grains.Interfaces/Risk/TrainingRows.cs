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

    /// <summary>The rows of one corner's history: what its grain answers and what benchmarks build offline.</summary>
    public static TrainingRows Build(
        Grid.CrashHistory history,
        ImmutableArray<DateOnly> asOfDays,
        DateOnly labelsUntil,
        string? borough)
    {
        if (history.Count == 0 || asOfDays.IsDefaultOrEmpty)
            return Empty;
        var days = ImmutableArray.CreateBuilder<int>();
        var features = ImmutableArray.CreateBuilder<float>();
        var labels = ImmutableArray.CreateBuilder<int>();
        Span<float> row = stackalloc float[RiskFeatures.Count];
        for (var i = 0; i < asOfDays.Length; i++)
        {
            var asOf = asOfDays[i];
            var label = RiskFeatures.Label(history, asOf);
            RiskFeatures.Compute(history, asOf, borough, row);
            if (row[2] == 0 && label == 0)
                continue; // not active: no crash in the 5 years before nor in the horizon after
            days.Add(i);
            features.AddRange(row);
            labels.Add(asOf.AddDays(RiskFeatures.HorizonDays) <= labelsUntil ? label : -1);
        }
        return new TrainingRows(days.ToImmutable(), features.ToImmutable(), labels.ToImmutable());
    }
}
