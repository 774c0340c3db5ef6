using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VisionZero.Grains.Rollout;

/// <summary>What a failed offline gate queues next.</summary>
public enum GateFollowUp
{
    None,
    Retrain,
    Tune,
}

/// <summary>
/// The offline gate's thresholds (configuration section <c>Rollout:Gate</c>), stored with every verdict so a
/// verdict can be read against the rules it was judged by. A value out of range stops the silo naming its key.
/// </summary>
public sealed record GateSettings(
    int Replicates = 200,
    double Tolerance = 0,
    double CalibrationBand = 0.25,
    GateFollowUp OnFail = GateFollowUp.Tune,
    bool AfterTraining = true)
{
    public const string Section = "Rollout:Gate";

    /// <exception cref="ArgumentException">A key holds no value of its type, or one out of its range.</exception>
    public static GateSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new GateSettings();
        return new GateSettings(
            SettingValue.Number(section, nameof(Replicates), defaults.Replicates, 20, 10_000, int.Parse),
            SettingValue.Number(section, nameof(Tolerance), defaults.Tolerance, 0, 0.5, double.Parse),
            SettingValue.Number(section, nameof(CalibrationBand), defaults.CalibrationBand, 0.01, 1, double.Parse),
            SettingValue.Choice(section, nameof(OnFail), defaults.OnFail),
            SettingValue.Choice(section, nameof(AfterTraining), defaults.AfterTraining));
    }

    /// <summary>The thresholds as stored with a verdict.</summary>
    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("replicates", Replicates.ToString(CultureInfo.InvariantCulture))
        .Add("tolerance", Tolerance.ToString("R", CultureInfo.InvariantCulture))
        .Add("calibrationBand", CalibrationBand.ToString("R", CultureInfo.InvariantCulture))
        .Add("onFail", OnFail.ToString().ToLowerInvariant());
}
