using System.Diagnostics.Metrics;
using VisionZero.Models;

namespace VisionZero.Grains;

/// <summary>
/// The grid's own instruments (meter "VisionZero"), exported by the silo with Orleans' and ASP.NET
/// Core's at /metrics. Static: a meter is process-wide, like the counters it feeds.
/// </summary>
public static class GridMetrics
{
    public const string MeterName = "VisionZero";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Rows ingested, by outcome (accepted, duplicate, replaced, rejected) and reject reason.</summary>
    public static readonly Counter<long> IngestRows =
        Meter.CreateCounter<long>("vz.ingest.rows", "{row}", "Crash rows ingested, by outcome");

    /// <summary>Forecasts answered, by class.</summary>
    public static readonly Counter<long> Predictions =
        Meter.CreateCounter<long>("vz.predictions", "{prediction}", "Risk forecasts answered, by class");

    public static void CountPrediction(VisionZero.Risk.RiskClass riskClass) =>
        Predictions.Add(
            1, new KeyValuePair<string, object?>("class", VisionZero.Risk.RiskClassNames.Display(riskClass)));

    /// <summary>API reads asked again because the grain they reached was on a silo that was leaving.</summary>
    public static readonly Counter<long> ReadRetries =
        Meter.CreateCounter<long>("vz.api.read.retries", "{request}", "Reads asked again after meeting a leaving silo");

    /// <summary>Background jobs' durations, by job and outcome.</summary>
    public static readonly Histogram<double> JobDuration =
        Meter.CreateHistogram<double>("vz.job.duration", "s", "Background job durations, by job and outcome");

    private static volatile LiveAccuracy? _live;

    private static volatile ModelDrift? _drift;

    static GridMetrics()
    {
        Meter.CreateObservableGauge("vz.model.live_capture5", () => Live(l => l.Capture5),
            description: "Production's capture@5 % on its matured served predictions, at the last live check");
        Meter.CreateObservableGauge("vz.model.live_macro_f1", () => Live(l => l.MacroF1),
            description: "Production's macro-F1 on its matured served predictions, at the last live check");
        Meter.CreateObservableGauge("vz.model.backtest_capture5", () => Live(l => l.BacktestCapture5),
            description: "Production's capture@5 % in its own backtest, beside the live figure");
        Meter.CreateObservableGauge("vz.model.live_matured", () => Live(l => l.Matured),
            description: "Matured served predictions the last live check judged on");
        Meter.CreateObservableGauge("vz.model.drift_psi", Drift,
            description: "Production's PSI per feature and for its predictions against its training window, " +
                "at the last drift check");
    }

    /// <summary>The last drift check's PSI per feature (and "prediction"), shown until the next.</summary>
    public static void RecordDrift(ModelDrift drift) => _drift = drift;

    private static IEnumerable<Measurement<double>> Drift() =>
        _drift is { } drift
            ? drift.Features
                .Append(new FeatureDrift("prediction", drift.PredictionPsi ?? double.NaN))
                .Where(f => double.IsFinite(f.Psi))
                .Select(f => new Measurement<double>(f.Psi,
                    new KeyValuePair<string, object?>("version", drift.Version),
                    new KeyValuePair<string, object?>("feature", f.Name)))
            : [];

    /// <summary>The figures of the last live check, shown until the next.</summary>
    public static void RecordLive(LiveAccuracy accuracy) => _live = accuracy;

    private static IEnumerable<Measurement<double>> Live(Func<LiveAccuracy, double?> figure) =>
        _live is { } live && figure(live) is { } value
            ? [new Measurement<double>(value, new KeyValuePair<string, object?>("version", live.Version))]
            : [];

    /// <summary>The model versions this silo serves (0: none), read when scraped.</summary>
    public static void ObserveModelVersion(Func<int> production, Func<int> canary)
    {
        Meter.CreateObservableGauge("vz.model.version", production,
            description: "The production model version this silo serves (0: none)");
        Meter.CreateObservableGauge("vz.model.canary_version", canary,
            description: "The canary model version this silo serves on its slice of corners (0: none)");
    }
}
