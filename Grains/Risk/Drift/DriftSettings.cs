using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Rollout;

namespace VisionZero.Grains.Risk.Drift;

/// <summary>
/// The drift check's settings (configuration section <c>Rollout:Drift</c>): the PSI past which a feature or the
/// predictions count as drifted and the daily job queues a retrain (<see cref="Threshold"/>; 0.25 is the usual
/// reading of a large shift), the fewest active corners a day must have to be judged (<see cref="MinRows"/>), and
/// how many training rows a version's profile is built from (<see cref="ProfileRows"/>, a seeded sample).
/// </summary>
public sealed record DriftSettings(double Threshold = 0.25, int MinRows = 100, int ProfileRows = 50_000)
{
    public const string Section = "Rollout:Drift";

    /// <exception cref="ArgumentException">A key holds no number, or one out of its range.</exception>
    public static DriftSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var d = new DriftSettings();
        return new DriftSettings(
            SettingValue.Number(section, nameof(Threshold), d.Threshold, 0.01, 10, double.Parse),
            SettingValue.Number(section, nameof(MinRows), d.MinRows, 1, 10_000_000, int.Parse),
            SettingValue.Number(section, nameof(ProfileRows), d.ProfileRows, 1_000, 10_000_000, int.Parse));
    }
}
