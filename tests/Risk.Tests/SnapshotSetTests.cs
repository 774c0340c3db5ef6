using VisionZero.Grains.Risk.Training;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class SnapshotSetTests
{
    private static readonly DateOnly Cutoff = new(2021, 5, 1);

    [Fact]
    public void Rows_of_a_day_outside_the_training_days_are_read_for_their_features_but_never_train()
    {
        var monthly = Cutoff.AddYears(-1);
        var nowcastOnly = Cutoff.AddYears(-1).AddDays(29); // a day the nowcast compares, not a monthly snapshot
        var set = new SnapshotSet([monthly, nowcastOnly, Cutoff], Cutoff, trainingDays: [monthly, Cutoff]);
        set.Add("a", Rows(3, 4, 5));
        set.Add("b", Rows(0, 1, 2));

        Assert.Equal([monthly, monthly], set.TrainingRowsBefore(Cutoff).Select(set.DayOf));
        Assert.Equal(2, set.RowsAt(nowcastOnly).Count());
        Assert.Equal([4, 1], set.RowsAt(nowcastOnly).Select(set.Label));

        // Without training days every day with a passed label trains, as before.
        var all = new SnapshotSet([monthly, nowcastOnly, Cutoff], Cutoff);
        all.Add("a", Rows(3, 4, 5));
        Assert.Equal([monthly, nowcastOnly], all.TrainingRowsBefore(Cutoff).Select(all.DayOf));
    }

    /// <summary>One row on each of the three days, with the given labels.</summary>
    private static TrainingRows Rows(params int[] labels)
    {
        var features = new float[RiskFeatures.Count * labels.Length];
        for (var i = 0; i < labels.Length; i++)
            features[i * RiskFeatures.Count + 2] = 10; // active: crashes in the five years before
        return new TrainingRows([.. Enumerable.Range(0, labels.Length)], [.. features], [.. labels]);
    }
}
