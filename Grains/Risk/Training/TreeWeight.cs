using Microsoft.ML;
using VisionZero.Risk;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Scoring;
using VisionZero.Scoring.Evaluation;

namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// How much of the trees' multiplier to trust, chosen by a time-ordered validation inside the training
/// rows: a model fitted on the rows whose labels ended by the first of the latest
/// <see cref="RiskOptions.TreeWeightValidationMonths"/> snapshot days forecasts those days, and the weight
/// with the lowest Poisson deviance wins. Out of time the full multiplier can do worse than none at all
/// (docs/model.md): leaves whose rows all had no crash give multipliers near zero, and a crash there
/// costs dearly. A later cutoff is never looked at.
/// </summary>
public static class TreeWeight
{
    /// <summary>The weights tried, from the full multiplier down to none (the exposure alone).</summary>
    public static ReadOnlySpan<double> Candidates => [1, 0.8, 0.6, 0.4, 0.2, 0];

    /// <summary>The chosen weight; 1 (the multiplier as learnt) when the rows span too few days to validate.</summary>
    public static double Choose(
        MLContext ml,
        SnapshotSet set,
        int[] rows,
        RiskTrainerParameters parameters,
        RiskOptions options,
        ModelView view)
    {
        var days = rows.Select(set.DayOf).Distinct().Order().ToArray();
        if (options.TreeWeightValidationMonths <= 0 || days.Length <= options.TreeWeightValidationMonths)
            return 1;
        var first = days[^options.TreeWeightValidationMonths];
        var earlier = Backtester.Sample(
            rows.Where(r => set.DayOf(r).AddDays(RiskFeatures.HorizonDays) <= first).ToArray(),
            options.MaxTreeWeightRows);
        var validation = Backtester.Sample(rows.Where(r => set.DayOf(r) >= first).ToArray(), options.MaxTreeWeightRows);
        if (earlier.Length == 0 || validation.Length == 0)
            return 1;
        var model = RiskTrainer.TrainModel(
            ml,
            earlier.Select(r => view.Narrow(set.TrainingInput(r, first, options.RecencyHalfLifeDays, view))),
            parameters);
        var multipliers = RiskTrainer.Predict(ml, model, [.. validation.Select(r => view.Narrow(set.Input(r)))]);
        var best = (Weight: 1.0, Deviance: double.MaxValue);
        foreach (var weight in Candidates)
        {
            var deviance = Deviance(set, validation, multipliers, view, weight);
            if (deviance < best.Deviance)
                best = (weight, deviance);
        }
        return best.Weight;
    }

    /// <summary>
    /// Mean Poisson deviance with each day's forecasts scaled to that day's crashes: the level is the
    /// nowcast's job, so only the shape of the forecast is judged here.
    /// </summary>
    private static double Deviance(SnapshotSet set, int[] rows, double[] multipliers, ModelView view, double weight)
    {
        var total = 0.0;
        foreach (var day in rows.Select((r, i) => (Row: r, Index: i)).GroupBy(x => set.DayOf(x.Row)))
        {
            var forecast = day
                .Select(x => view.Crashes(set.Features(x.Row), multipliers[x.Index], 1, weight))
                .ToArray();
            var labels = day.Select(x => set.Label(x.Row)).ToArray();
            var scale = labels.Sum() / Math.Max(RiskMetrics.MeanFloor, forecast.Sum());
            for (var i = 0; i < forecast.Length; i++)
                total += RiskMetrics.UnitDeviance(labels[i], forecast[i] * scale);
        }
        return total / rows.Length;
    }
}
