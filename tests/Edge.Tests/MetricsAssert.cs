using VisionZero.Models;

namespace VisionZero.Edge.Tests;

/// <summary>
/// Two metric rows equal field by field, exactly: the same inputs through the same code give the same bits.
/// (The records hold ImmutableArrays, whose own equality is by reference.)
/// </summary>
internal static class MetricsAssert
{
    public static void Same(BacktestResult expected, BacktestResult actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal((expected.Capture1, expected.Capture5, expected.Capture10),
            (actual.Capture1, actual.Capture5, actual.Capture10));
        Assert.Equal(
            (expected.MacroF1, expected.Accuracy, expected.Mae, expected.PoissonDeviance, expected.Calibration),
            (actual.MacroF1, actual.Accuracy, actual.Mae, actual.PoissonDeviance, actual.Calibration));
        Assert.Equal(expected.Classes.ToArray(), actual.Classes.ToArray());
        Assert.Equal(expected.Confusion.Select(r => r.ToArray()), actual.Confusion.Select(r => r.ToArray()));
    }
}
