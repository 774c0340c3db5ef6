using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VisionZero.Grains.Rollout;

/// <summary>
/// The staging load test's size and thresholds (configuration section <c>Rollout:Staging</c>), stored with every
/// verdict. The candidate's p99 must stay under <see cref="MaxP99Ms"/> and under production's p99 (measured in the
/// same step) times <see cref="P99Ratio"/>; its throughput at least production's times
/// <see cref="MinThroughputRatio"/>; its share of failed requests at most <see cref="MaxErrorRate"/>.
/// </summary>
public sealed record StagingSettings(
    double Seconds = 10,
    int Concurrency = 8,
    double MaxP99Ms = 250,
    double P99Ratio = 2,
    double MinThroughputRatio = 0.5,
    double MaxErrorRate = 0.001,
    bool AfterGate = true)
{
    public const string Section = "Rollout:Staging";

    /// <exception cref="ArgumentException">A key holds no value of its type, or one out of its range.</exception>
    public static StagingSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var d = new StagingSettings();
        return new StagingSettings(
            SettingValue.Number(section, nameof(Seconds), d.Seconds, 1, 600, double.Parse),
            SettingValue.Number(section, nameof(Concurrency), d.Concurrency, 1, 256, int.Parse),
            SettingValue.Number(section, nameof(MaxP99Ms), d.MaxP99Ms, 1, 60_000, double.Parse),
            SettingValue.Number(section, nameof(P99Ratio), d.P99Ratio, 1, 100, double.Parse),
            SettingValue.Number(section, nameof(MinThroughputRatio), d.MinThroughputRatio, 0, 1, double.Parse),
            SettingValue.Number(section, nameof(MaxErrorRate), d.MaxErrorRate, 0, 1, double.Parse),
            SettingValue.Choice(section, nameof(AfterGate), d.AfterGate));
    }

    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("seconds", Text(Seconds))
        .Add("concurrency", Concurrency.ToString(CultureInfo.InvariantCulture))
        .Add("maxP99Ms", Text(MaxP99Ms))
        .Add("p99Ratio", Text(P99Ratio))
        .Add("minThroughputRatio", Text(MinThroughputRatio))
        .Add("maxErrorRate", Text(MaxErrorRate));

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
