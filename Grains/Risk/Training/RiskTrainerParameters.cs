using System.Collections.Immutable;
using System.Globalization;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Training;

/// <summary>The boosted trees' knobs: what tuning searches over and what the registry records.</summary>
/// <remarks>
/// <see cref="ShuffledLabels"/> trains on labels permuted among the rows, and <see cref="ScoringDelayMs"/> makes every
/// prediction of the version wait: models made worse or slower on purpose, which only tests ask for, to prove the
/// offline gate and staging stop them. They are recorded with the version like any other knob.
/// </remarks>
public sealed record RiskTrainerParameters(
    int Trees = 200,
    int Leaves = 24,
    double LearningRate = 0.08,
    int MinimumExamplesPerLeaf = 40,
    bool ShuffledLabels = false,
    int ScoringDelayMs = 0)
{
    public ImmutableDictionary<string, string> ToDictionary()
    {
        var knobs = ImmutableDictionary<string, string>.Empty
            .Add("trees", Trees.ToString(CultureInfo.InvariantCulture))
            .Add("leaves", Leaves.ToString(CultureInfo.InvariantCulture))
            .Add("learningRate", LearningRate.ToString("R", CultureInfo.InvariantCulture))
            .Add("minimumExamplesPerLeaf", MinimumExamplesPerLeaf.ToString(CultureInfo.InvariantCulture));
        if (ShuffledLabels)
            knobs = knobs.Add("labels", "shuffled");
        return ScoringDelayMs > 0
            ? knobs.Add(RiskModel.ScoringDelayParameter, ScoringDelayMs.ToString(CultureInfo.InvariantCulture))
            : knobs;
    }

    /// <summary>
    /// The recipe a registered version was trained with (its stored parameters); a knob it does not record keeps
    /// its default, and what is not a knob (e.g. tuningTrials) is ignored.
    /// </summary>
    public static RiskTrainerParameters FromDictionary(IReadOnlyDictionary<string, string> parameters)
    {
        var defaults = new RiskTrainerParameters();
        return new RiskTrainerParameters(
            Read(parameters, "trees", defaults.Trees),
            Read(parameters, "leaves", defaults.Leaves),
            Read(parameters, "learningRate", defaults.LearningRate),
            Read(parameters, "minimumExamplesPerLeaf", defaults.MinimumExamplesPerLeaf),
            parameters.TryGetValue("labels", out var labels) && labels == "shuffled",
            Read(parameters, RiskModel.ScoringDelayParameter, 0));
    }

    private static T Read<T>(IReadOnlyDictionary<string, string> parameters, string key, T fallback)
        where T : IParsable<T> =>
        parameters.TryGetValue(key, out var text) && T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;

    /// <summary>A random point of the tuning search space.</summary>
    public static RiskTrainerParameters Sample(Random random) => new(
        Trees: random.Next(60, 401),
        Leaves: random.Next(8, 65),
        LearningRate: Math.Round(Math.Exp(random.NextDouble() * (Math.Log(0.25) - Math.Log(0.02)) + Math.Log(0.02)), 4),
        MinimumExamplesPerLeaf: random.Next(10, 201));
}
