using System.Globalization;
using Microsoft.Extensions.Options;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grid;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Drift;

/// <summary>
/// A version's drift on the data clock's day: every active corner's features that day (one call per corner, as a
/// training snapshot asks), scored by the version, compared with the profile stored with it.
/// </summary>
public sealed class DriftService(IGrainFactory grains, IOptions<RiskOptions> options, DriftSettings settings)
{
    public DriftSettings Settings => settings;

    /// <exception cref="KeyNotFoundException">The version is not registered.</exception>
    public async Task<ModelDrift> ComputeAsync(int version, CancellationToken cancellationToken = default)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var info = await registry.Get(version)
            ?? throw new KeyNotFoundException($"model version {version} is not registered");
        var reference = info.Details.Drift;
        ModelDrift Nothing(DateOnly? asOf, int rows, string why) => new(
            version, asOf, reference?.From, reference?.To, rows, [], null, settings.Threshold, false, why);
        if (reference is null)
            return Nothing(
                null, 0, $"version {version} has no drift profile: it was trained before profiles were kept");
        if ((await grains.GetGrain<IDataClockGrain>(0).GetView()).AsOf is not { } asOf)
            return Nothing(null, 0, "the grid has no crash yet: there is no day to compare");
        var set = await SnapshotBuilder.BuildAsync(grains, [asOf], asOf, options.Value.SnapshotConcurrency);
        cancellationToken.ThrowIfCancellationRequested();
        if (set.Count < settings.MinRows)
            return Nothing(asOf, set.Count, $"{set.Count} active corners on {asOf:yyyy-MM-dd}: " +
                $"fewer than the {settings.MinRows} a judgement needs ({DriftSettings.Section}:MinRows)");
        var artifact = await registry.GetArtifact(version)
            ?? throw new InvalidOperationException($"model version {version} has no stored artifact");
        var (features, predictions) = await Task.Run(() => Score(info, artifact, set), cancellationToken);
        var (drifts, predictionPsi) = DriftProfile.Compare(reference, features, predictions);
        var all = drifts.Append(new FeatureDrift(DriftProfile.PredictionsName, predictionPsi)).ToList();
        var over = all.Where(d => d.Psi > settings.Threshold).OrderByDescending(d => d.Psi).ToList();
        var worst = all.MaxBy(d => d.Psi)!;
        var why = over.Count == 0
            ? $"no drift on {asOf:yyyy-MM-dd}: the largest PSI is {F(worst.Psi)} ({worst.Name}), " +
              $"within {F(settings.Threshold)}"
            : $"drift on {asOf:yyyy-MM-dd}: PSI past {F(settings.Threshold)} for " +
              string.Join(", ", over.Select(d => $"{d.Name} {F(d.Psi)}"));
        return new ModelDrift(version, asOf, reference.From, reference.To, set.Count, drifts, predictionPsi,
            settings.Threshold, over.Count > 0, why);
    }

    private static (List<float> Features, double[] Predictions) Score(
        ModelVersionInfo info, byte[] artifact, SnapshotSet set)
    {
        using var model = RiskModel.Load(info, artifact);
        var features = set.FeatureRows(Enumerable.Range(0, set.Count));
        var predictions = new double[set.Count];
        Parallel.For(0, set.Count, row => predictions[row] = model.Score(set.Features(row)));
        return (features, predictions);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
