using System.Security.Cryptography;
using Microsoft.ML;
using VisionZero.Models;
using VisionZero.Risk;

namespace VisionZero.Scoring;

/// <summary>
/// A loaded model version, shared by every grain of a silo. ML.NET's PredictionEngine is not
/// thread-safe, so each thread that scores gets its own engine, created once and reused.
/// </summary>
public sealed class RiskModel : IDisposable
{
    private readonly ThreadLocal<Scorer> _scorers;
    // Loaded on the first prediction that needs it: a swap then waits for the risk model alone (the push's 5 s).
    private readonly Lazy<ThreadLocal<Scorer>>? _windowScorers;

    /// <summary>
    /// A version made slow on purpose (its parameter scoringDelayMs): the rollout's tests prove that staging stops it.
    /// </summary>
    private readonly int _scoringDelayMs;

    private RiskModel(ModelVersionInfo info, MLContext ml, ITransformer transformer, byte[]? windows)
    {
        Info = info;
        _scoringDelayMs = info.Details.Parameters.TryGetValue(ScoringDelayParameter, out var delay)
            && int.TryParse(delay, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? Math.Clamp(ms, 0, 1000)
                : 0;
        Transformer = transformer;
        _scorers = new ThreadLocal<Scorer>(() => new Scorer(
            ml.Model.CreatePredictionEngine<RiskInput, RiskOutput>(transformer),
            ModelView.Risk,
            info.Details.Level,
            info.Details.TreeWeight));
        if (windows is not null)
            _windowScorers = new Lazy<ThreadLocal<Scorer>>(() =>
            {
                var model = LoadPart(ml, windows);
                return new ThreadLocal<Scorer>(() => new Scorer(
                    ml.Model.CreatePredictionEngine<RiskInput, RiskOutput>(model),
                    ModelView.Windows,
                    info.Details.WindowsLevel,
                    info.Details.WindowsTreeWeight));
            });
    }

    /// <summary>The parameter that makes a version slow on purpose, for tests only.</summary>
    public const string ScoringDelayParameter = "scoringDelayMs";

    public ModelVersionInfo Info { get; }

    public int Version => Info.Version;

    public RiskThresholds Thresholds => Info.Details.Thresholds;

    public ITransformer Transformer { get; }

    /// <summary>Checks the bytes against the registered sha256 and feature schema, then loads them.</summary>
    public static RiskModel Load(ModelVersionInfo info, byte[] artifact)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(artifact));
        if (!string.Equals(sha, info.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"model version {info.Version}: the artifact's sha256 {sha} " +
                $"does not match the registered {info.Sha256}; refused");
        if (info.Details.FeatureSchema != RiskFeatures.Schema
            || !info.Details.Features.SequenceEqual(RiskFeatures.Names))
            throw new InvalidDataException(
                $"model version {info.Version} was trained on feature schema {info.Details.FeatureSchema}, " +
                $"this build computes schema {RiskFeatures.Schema}; refused");
        var ml = new MLContext(seed: 1);
        var parts = ModelArtifact.Parse(artifact);
        return new RiskModel(info, ml, LoadPart(ml, parts.Risk), parts.Windows);
    }

    /// <summary>
    /// Whether this version can score from the three window counts alone (versions before the windows model cannot).
    /// </summary>
    public bool HasWindowsModel => _windowScorers is not null;

    /// <summary>Expected crashes over the horizon (never negative).</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        if (_scoringDelayMs > 0)
            Thread.Sleep(_scoringDelayMs);
        return _scorers.Value!.Score(features);
    }

    public RiskAssessment Assess(ReadOnlySpan<float> features) =>
        RiskAssessment.From(Score(features), Thresholds, Version);

    /// <summary>
    /// The forecast from the three window counts alone, by the version's windows model: what a client
    /// of the original design's POST /predict knows of a corner. Null for a version without one.
    /// </summary>
    public RiskAssessment? AssessWindows(int sixMonths, int oneYear, int fiveYears)
    {
        if (_windowScorers is null)
            return null;
        Span<float> features = stackalloc float[RiskFeatures.FixedCount];
        features.Clear();
        features[0] = sixMonths;
        features[1] = oneYear;
        features[2] = fiveYears;
        if (_scoringDelayMs > 0)
            Thread.Sleep(_scoringDelayMs);
        return RiskAssessment.From(_windowScorers.Value.Value!.Score(features), Thresholds, Version);
    }

    public void Dispose()
    {
        _scorers.Dispose();
        if (_windowScorers is { IsValueCreated: true } windows)
            windows.Value.Dispose();
    }

    private static ITransformer LoadPart(MLContext ml, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return ml.Model.Load(stream, out _);
    }

    private sealed class Scorer(
        PredictionEngine<RiskInput, RiskOutput> engine, ModelView view, double level, double treeWeight)
    {
        private readonly RiskInput _input = new();
        private RiskOutput _output = new();

        public double Score(ReadOnlySpan<float> features)
        {
            features.CopyTo(_input.Features);
            engine.Predict(_input, ref _output);
            var rate = float.IsFinite(_output.Score) ? Math.Max(0, _output.Score) : 0;
            return view.Crashes(features, rate, level, treeWeight);
        }
    }
}
