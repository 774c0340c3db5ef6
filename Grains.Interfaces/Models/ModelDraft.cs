using System.Collections.Immutable;
using VisionZero.Risk;

namespace VisionZero.Models;

/// <summary>
/// Everything a training run knows about the model it produced, before it has a version number.
/// Level multiplies every forecast: crashes after the latest training snapshot over what the model expected there.
/// WindowsLevel does the same for the windows model (three counts only), which POST /api/predict uses.
/// TreeWeight (WindowsTreeWeight for the windows model) pulls the trees' multiplier toward 1: a forecast is
/// level × exposure × (1 − weight + weight × multiplier). 1 (no pull) for versions from before it.
/// Drift is the training window's profile the daily drift check compares with (null for versions from before it).
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.ModelDraft")]
public sealed record ModelDraft(
    [property: Id(0)] DateOnly TrainedFrom,
    [property: Id(1)] DateOnly TrainedTo,
    [property: Id(2)] ImmutableArray<string> Features,
    [property: Id(3)] string Trainer,
    [property: Id(4)] ImmutableDictionary<string, string> Parameters,
    [property: Id(5)] RiskThresholds Thresholds,
    [property: Id(6)] ImmutableArray<BacktestReport> Backtests,
    [property: Id(7)] int TrainingRows,
    [property: Id(8)] int FeatureSchema,
    [property: Id(9)] double Level = 1,
    [property: Id(10)] double WindowsLevel = 1,
    [property: Id(11)] double TreeWeight = 1,
    [property: Id(12)] double WindowsTreeWeight = 1,
    [property: Id(13)] DriftReference? Drift = null);
