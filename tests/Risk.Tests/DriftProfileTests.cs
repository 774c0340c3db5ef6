using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Models;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The drift profile on rows made to order: the training rows compared with themselves read as no drift, a shift in
/// one feature reads on that feature alone, the month is never compared, and rows, bins or profiles that do not
/// agree are refused naming what is wrong; the settings are refused out of range naming the key.
/// </summary>
[Trait("Category", "Fast")]
public class DriftProfileTests
{
    private const int Crashes1y = 1;

    /// <summary>Rows like a grid's: counts with many ties and a month; predictions from the counts.</summary>
    private static (List<float> Features, double[] Predictions) Rows(int count, int seed, float shift1y = 0)
    {
        var random = new Random(seed);
        var features = new List<float>();
        var predictions = new double[count];
        for (var r = 0; r < count; r++)
        {
            var row = new float[RiskFeatures.Count];
            for (var f = 0; f < row.Length; f++)
                row[f] = random.Next(0, 6);
            row[Crashes1y] += shift1y;
            row[RiskFeatures.Names.IndexOf("month")] = 1 + r % 12;
            features.AddRange(row);
            predictions[r] = 0.1 * row[0] + 0.05 * row[2];
        }
        return (features, predictions);
    }

    [Fact]
    public void The_training_rows_compared_with_themselves_read_as_no_drift()
    {
        var (features, predictions) = Rows(5_000, seed: 1);
        var reference = DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), features, predictions);

        var (drifts, predictionPsi) = DriftProfile.Compare(reference, features, predictions);

        Assert.Equal(5_000, reference.Rows);
        Assert.All(drifts, d => Assert.Equal(0, d.Psi, 12));
        Assert.Equal(0, predictionPsi, 12);
    }

    [Fact]
    public void A_shift_in_one_feature_reads_on_that_feature_alone()
    {
        var (features, predictions) = Rows(5_000, seed: 1);
        var reference = DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), features, predictions);
        var (day, dayPredictions) = Rows(3_000, seed: 2, shift1y: 3);

        var (drifts, predictionPsi) = DriftProfile.Compare(reference, day, dayPredictions);

        Assert.True(drifts.Single(d => d.Name == "crashes1y").Psi > 1, "a count three higher is a large shift");
        Assert.All(drifts.Where(d => d.Name != "crashes1y"), d => Assert.InRange(d.Psi, 0, 0.02));
        Assert.InRange(predictionPsi, 0, 0.02);
    }

    [Fact]
    public void The_month_is_never_compared_and_every_other_feature_is()
    {
        var (features, predictions) = Rows(1_000, seed: 3);

        var reference = DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), features, predictions);

        Assert.Equal(RiskFeatures.Names.Where(n => n != "month"), reference.Features.Select(b => b.Name));
        Assert.Equal(DriftProfile.PredictionsName, reference.Predictions.Name);
        Assert.All(reference.Features, b => Assert.Equal(b.Edges.Length + 1, b.Shares.Length));
        Assert.All(reference.Features, b => Assert.Equal(1, b.Shares.Sum(), 9));
    }

    [Fact]
    public void Rows_and_predictions_that_do_not_agree_are_refused_naming_the_counts()
    {
        var (features, predictions) = Rows(100, seed: 4);

        var error = Assert.Throws<ArgumentException>(() =>
            DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), features, predictions[..99]));

        Assert.Contains($"{features.Count} feature values for 99 predictions", error.Message);
        Assert.Throws<ArgumentException>(() =>
            DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), [], []));
    }

    [Fact]
    public void A_profile_from_another_feature_schema_or_with_broken_bins_is_refused_naming_it()
    {
        var (features, predictions) = Rows(200, seed: 5);
        var reference = DriftProfile.Reference(new(2020, 1, 1), new(2021, 1, 1), features, predictions);
        var foreign = reference with { Features = [new DriftBins("lanes", [1], [0.5, 0.5])] };
        var broken = reference with { Predictions = new DriftBins("prediction", [0.1, 0.2], [1]) };

        Assert.Contains("lanes", Assert.Throws<ArgumentException>(() =>
            DriftProfile.Compare(foreign, features, predictions)).Message);
        Assert.Contains("2 edges and 1 shares", Assert.Throws<ArgumentException>(() =>
            PopulationStability.Index(broken.Predictions, predictions)).Message);
        Assert.Throws<ArgumentException>(() => PopulationStability.Index(reference.Predictions, [double.NaN]));
    }

    [Theory]
    [InlineData("Threshold", "0", "from 0.01 to 10")]
    [InlineData("MinRows", "0", "from 1 to 10000000")]
    [InlineData("ProfileRows", "ten", "is not a number")]
    public void A_drift_setting_out_of_range_is_refused_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Rollout:Drift:" + key, value)])
            .Build();

        var error = Assert.Throws<ArgumentException>(() => DriftSettings.From(configuration));

        Assert.StartsWith($"Rollout:Drift:{key}", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
