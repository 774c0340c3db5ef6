using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Rollout;

namespace VisionZero.Grains.Risk.Live;

/// <summary>
/// The feedback loop's settings (configuration section <c>Rollout:Live</c>): the share of served predictions kept
/// (<see cref="SampleRate"/>, chosen by a stable hash of version, corner and day, so a prediction is always or never
/// kept), the most kept (<see cref="MaxRows"/>, oldest dropped first), and when the daily check queues a retrain:
/// production's live capture@5 % or macro-F1 below its own backtest by more than <see cref="Margin"/>, on at least
/// <see cref="MinMatured"/> matured predictions.
/// </summary>
public sealed record LiveSettings(
    double SampleRate = 0.1,
    int MaxRows = 1_000_000,
    double Margin = 0.1,
    int MinMatured = 200)
{
    public const string Section = "Rollout:Live";

    /// <exception cref="ArgumentException">A key holds no number, or one out of its range.</exception>
    public static LiveSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var d = new LiveSettings();
        return new LiveSettings(
            SettingValue.Number(section, nameof(SampleRate), d.SampleRate, 0, 1, double.Parse),
            SettingValue.Number(section, nameof(MaxRows), d.MaxRows, 1_000, 100_000_000, int.Parse),
            SettingValue.Number(section, nameof(Margin), d.Margin, 0, 1, double.Parse),
            SettingValue.Number(section, nameof(MinMatured), d.MinMatured, 1, 10_000_000, int.Parse));
    }

    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("margin", Margin.ToString("R", CultureInfo.InvariantCulture))
        .Add("minMatured", MinMatured.ToString(CultureInfo.InvariantCulture));
}
