using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VisionZero.Grains.Rollout;

/// <summary>
/// The canary's soak and thresholds (configuration section <c>Rollout:Canary</c>), stored with every verdict. For
/// <see cref="SoakSeconds"/> the canary serves its slice of corners (<c>Risk:CanaryPercent</c>) to real traffic and
/// to <see cref="Users"/> simulated users; from <see cref="MinAnswers"/> canary answers on, at every second its
/// share of failed answers must stay at most <see cref="MaxErrorRate"/>, its p99 within production's times
/// <see cref="P99Ratio"/>, the population stability index of its scores against production's on the same corners
/// at most <see cref="MaxPsi"/>, and the share of corners put in the same class at least
/// <see cref="MinAgreement"/>.
/// </summary>
public sealed record CanarySettings(
    double SoakSeconds = 120,
    int Users = 4,
    int MinAnswers = 100,
    double MaxErrorRate = 0.001,
    double P99Ratio = 2,
    double MaxPsi = 0.2,
    double MinAgreement = 0.8,
    bool AfterStaging = true)
{
    public const string Section = "Rollout:Canary";

    /// <exception cref="ArgumentException">A key holds no value of its type, or one out of its range.</exception>
    public static CanarySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var d = new CanarySettings();
        return new CanarySettings(
            SettingValue.Number(section, nameof(SoakSeconds), d.SoakSeconds, 1, 86_400, double.Parse),
            SettingValue.Number(section, nameof(Users), d.Users, 1, 256, int.Parse),
            SettingValue.Number(section, nameof(MinAnswers), d.MinAnswers, 1, 1_000_000, int.Parse),
            SettingValue.Number(section, nameof(MaxErrorRate), d.MaxErrorRate, 0, 1, double.Parse),
            SettingValue.Number(section, nameof(P99Ratio), d.P99Ratio, 1, 100, double.Parse),
            SettingValue.Number(section, nameof(MaxPsi), d.MaxPsi, 0, 10, double.Parse),
            SettingValue.Number(section, nameof(MinAgreement), d.MinAgreement, 0, 1, double.Parse),
            SettingValue.Choice(section, nameof(AfterStaging), d.AfterStaging));
    }

    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("soakSeconds", Text(SoakSeconds))
        .Add("users", Users.ToString(CultureInfo.InvariantCulture))
        .Add("minAnswers", MinAnswers.ToString(CultureInfo.InvariantCulture))
        .Add("maxErrorRate", Text(MaxErrorRate))
        .Add("p99Ratio", Text(P99Ratio))
        .Add("maxPsi", Text(MaxPsi))
        .Add("minAgreement", Text(MinAgreement));

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
