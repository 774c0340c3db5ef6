using System.Collections.Immutable;
using VisionZero.Models;
using VisionZero.Risk;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Risk.Drift;

/// <summary>
/// Builds a version's drift profile from feature rows and their predictions, and compares a day's rows with it.
/// Both sides go through the same code, so a day drawn like the training window reads as no drift.
/// </summary>
public static class DriftProfile
{
    /// <summary>The name the predictions' bins and PSI go by, beside the features'.</summary>
    public const string PredictionsName = "prediction";

    /// <summary>Every feature but the month: one day has one month, so it would always read as drifted.</summary>
    public static readonly ImmutableArray<int> Compared =
        [.. Enumerable.Range(0, RiskFeatures.Count).Where(i => RiskFeatures.Names[i] != "month")];

    /// <param name="features">Row-major, <see cref="RiskFeatures.Count"/> per row.</param>
    public static DriftReference Reference(
        DateOnly from, DateOnly to, IReadOnlyList<float> features, IReadOnlyCollection<double> predictions)
    {
        var rows = Rows(features, predictions);
        return new DriftReference(from, to, rows,
            [.. Compared.Select(f => PopulationStability.Bins(RiskFeatures.Names[f], Column(features, f, rows)))],
            PopulationStability.Bins(PredictionsName, predictions));
    }

    /// <summary>Each compared feature's PSI, then the predictions'.</summary>
    /// <exception cref="ArgumentException">The reference's features are not this build's.</exception>
    public static (ImmutableArray<FeatureDrift> Features, double Predictions) Compare(
        DriftReference reference, IReadOnlyList<float> features, IReadOnlyCollection<double> predictions)
    {
        var rows = Rows(features, predictions);
        var drifts = reference.Features.Select(bins =>
        {
            var f = RiskFeatures.Names.IndexOf(bins.Name);
            if (f < 0)
                throw new ArgumentException(
                    $"the drift profile has a feature this build does not compute: {bins.Name}");
            return new FeatureDrift(bins.Name, PopulationStability.Index(bins, Column(features, f, rows)));
        });
        return ([.. drifts], PopulationStability.Index(reference.Predictions, predictions));
    }

    private static int Rows(IReadOnlyList<float> features, IReadOnlyCollection<double> predictions)
    {
        if (features.Count != predictions.Count * RiskFeatures.Count)
            throw new ArgumentException(
                $"{features.Count} feature values for {predictions.Count} predictions: " +
                $"{RiskFeatures.Count} per row are expected");
        return predictions.Count;
    }

    private static double[] Column(IReadOnlyList<float> features, int feature, int rows)
    {
        var column = new double[rows];
        for (var r = 0; r < rows; r++)
            column[r] = features[r * RiskFeatures.Count + feature];
        return column;
    }
}
