using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Risk;

/// <summary>
/// The model's inputs for one corner as of a day, and the label it learns. The one code path for
/// training snapshots, grain scoring and (later) the edge: a change here changes <see cref="Schema"/>,
/// and a model trained on another schema is refused at load.
/// </summary>
public static class RiskFeatures
{
    /// <summary>2: the model learns a rate relative to <see cref="Exposure"/>.</summary>
    public const int Schema = 2;

    /// <summary>The smallest exposure: a corner quiet for five years still has some chance of a crash.</summary>
    public const double ExposureFloor = 0.05;

    /// <summary>Days ahead the label counts: the forecast horizon.</summary>
    public const int HorizonDays = 182;

    /// <summary>Days since the last crash when there was none in the history: ten years.</summary>
    public const int NeverDays = 3650;

    public static readonly ImmutableArray<string> Names =
    [
        "crashes6m", "crashes1y", "crashes5y", "crashes90d", "crashesPrevious6m",
        "injured1y", "injured5y", "killed5y", "vulnerableHurt5y", "crashesWithInjury1y",
        "daysSinceLastCrash", "month", "borough",
    ];

    /// <summary>The length of the feature vector, as a constant for ML.NET's schema attributes.</summary>
    public const int FixedCount = 13;

    public static int Count => FixedCount;

    /// <summary>Fills <paramref name="into"/> (length <see cref="Count"/>) with the features as of the day.</summary>
    public static void Compute(CrashHistory history, DateOnly asOf, string? borough, Span<float> into)
    {
        var day = asOf.DayNumber;
        var year = history.Between(day - 364, day);
        var five = history.Between(day - 1825, day);
        int injured1y = 0, withInjury1y = 0, injured5y = 0, killed5y = 0, vulnerable5y = 0;
        int sixMonths = 0, ninety = 0;
        foreach (var crash in year)
        {
            var c = crash.Casualties;
            injured1y += c.PersonsInjured;
            withInjury1y += c.PersonsInjured + c.PersonsKilled > 0 ? 1 : 0;
            sixMonths += crash.Day > day - RollingWindows.SixMonths ? 1 : 0;
            ninety += crash.Day > day - 90 ? 1 : 0;
        }
        foreach (var crash in five)
        {
            var c = crash.Casualties;
            injured5y += c.PersonsInjured;
            killed5y += c.PersonsKilled;
            vulnerable5y += c.PedestriansInjured + c.PedestriansKilled + c.CyclistsInjured + c.CyclistsKilled;
        }
        var last = year.Length > 0 ? year[^1].Day : five.Length > 0 ? five[^1].Day : LastOnOrBefore(history, day);
        into[0] = sixMonths;
        into[1] = year.Length;
        into[2] = five.Length;
        into[3] = ninety;
        into[4] = year.Length - sixMonths;
        into[5] = injured1y;
        into[6] = injured5y;
        into[7] = killed5y;
        into[8] = vulnerable5y;
        into[9] = withInjury1y;
        into[10] = last is { } l ? Math.Min(day - l, NeverDays) : NeverDays;
        into[11] = asOf.Month;
        into[12] = BoroughCode(borough);
    }

    /// <summary>Crashes in the <see cref="HorizonDays"/> days after the as-of day: what the model forecasts.</summary>
    public static int Label(CrashHistory history, DateOnly asOf) =>
        history.Between(asOf.DayNumber + 1, asOf.DayNumber + HorizonDays).Length;

    /// <summary>The three windows' counts, each scaled to the horizon: the baselines' forecasts.</summary>
    public static (double SixMonths, double OneYear, double FiveYears) Baselines(ReadOnlySpan<float> features) =>
        (features[0] * HorizonDays / (double)RollingWindows.SixMonths,
         features[1] * HorizonDays / (double)RollingWindows.OneYear,
         features[2] * HorizonDays / (double)RollingWindows.FiveYears);

    /// <summary>
    /// The corner's own long-run expectation for the horizon (its 5-year count scaled to 182 days, at
    /// least <see cref="ExposureFloor"/>). The model learns a multiplier of it (Poisson with an offset):
    /// ranking keeps the fine grain of a corner's history, and the trees adjust it for trend and severity.
    /// </summary>
    public static double Exposure(ReadOnlySpan<float> features) =>
        Math.Max(ExposureFloor, features[2] * HorizonDays / (double)RollingWindows.FiveYears);

    /// <summary>Boroughs as small numbers (trees split on them); 0 = unknown.</summary>
    public static int BoroughCode(string? borough) => borough?.Trim().ToUpperInvariant() switch
    {
        "MANHATTAN" => 1,
        "BRONX" => 2,
        "BROOKLYN" => 3,
        "QUEENS" => 4,
        "STATEN ISLAND" => 5,
        _ => 0,
    };

    private static int? LastOnOrBefore(CrashHistory history, int day)
    {
        var before = history.Between(int.MinValue / 2, day);
        return before.Length > 0 ? before[^1].Day : null;
    }
}
