using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using VisionZero.Risk;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// The ML.NET side of training: boosted trees with a Tweedie loss (counts: many zeros, a long tail,
/// a positive mean) for the model; the original design's forest on the three windows as a baseline.
/// </summary>
public static class RiskTrainer
{
    public const string ModelTrainer = "FastTreeTweedie";

    /// <summary>
    /// The forest and the windows model see only the 6-month, 1-year and 5-year counts, as in the original design.
    /// </summary>
    public const int WindowFeatures = ModelViews.WindowFeatureCount;

    public static ITransformer TrainModel(MLContext ml, IEnumerable<RiskInput> rows, RiskTrainerParameters parameters)
    {
        var trainer = ml.Regression.Trainers.FastTreeTweedie(new FastTreeTweedieTrainer.Options
        {
            NumberOfTrees = parameters.Trees,
            NumberOfLeaves = parameters.Leaves,
            LearningRate = parameters.LearningRate,
            MinimumExampleCountPerLeaf = parameters.MinimumExamplesPerLeaf,
            FeatureColumnName = nameof(RiskInput.Features),
            LabelColumnName = nameof(RiskInput.Label),
            ExampleWeightColumnName = nameof(RiskInput.Weight),
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>A random forest (100 trees) on the three windows; other features are zero, so never split on.</summary>
    public static ITransformer TrainForest(MLContext ml, IEnumerable<RiskInput> rows)
    {
        var trainer = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = 100,
            NumberOfLeaves = 64,
            MinimumExampleCountPerLeaf = 10,
            FeatureColumnName = nameof(RiskInput.Features),
            LabelColumnName = nameof(RiskInput.Label),
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows.Select(WindowsOnly)));
    }

    /// <summary>The row with only the three window counts: the forest's and the windows model's view.</summary>
    public static RiskInput WindowsOnly(RiskInput row) => ModelViews.WindowsOnly(row);

    /// <summary>Scores many rows in one pass (the backtests); never negative.</summary>
    public static double[] Predict(MLContext ml, ITransformer model, IEnumerable<RiskInput> rows)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return [.. scored.GetColumn<float>("Score").Select(s => float.IsFinite(s) ? Math.Max(0, (double)s) : 0)];
    }

    /// <summary>
    /// The model's expected crashes for full-feature rows (<see cref="ModelViews.Crashes"/>), as RiskModel scores
    /// one row.
    /// </summary>
    public static double[] PredictCrashes(
        MLContext ml,
        ITransformer model,
        IReadOnlyList<RiskInput> rows,
        ModelView view,
        double level = 1,
        double treeWeight = 1)
    {
        var rates = Predict(ml, model, rows.Select(r => view.Narrow(r)));
        for (var i = 0; i < rates.Length; i++)
            rates[i] = view.Crashes(rows[i].Features, rates[i], level, treeWeight);
        return rates;
    }

    public static byte[] Save(MLContext ml, ITransformer model)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<RiskInput>()).Schema, stream);
        return stream.ToArray();
    }
}
