using VisionZero.Risk.Now;

namespace VisionZero.Benchmarks;

/// <summary>One held-out day: its weather class, its crashes and each model's Poisson log-likelihood (no constant).
/// </summary>
public readonly record struct RiskNowDay(
    DateOnly Day, WeatherClass? Class, int Crashes, double Flat, double Profile, double Full);

/// <summary>Crashes seen and expected in one row of a calibration table.</summary>
public sealed record CalibrationRow(string Name, int Days, int Observed, double ExpectedFlat, double ExpectedFull);

public sealed record RiskNowResult(
    IReadOnlyList<RiskNowDay> Days, IReadOnlyList<CalibrationRow> ByClass, IReadOnlyList<CalibrationRow> ByBand,
    int Scored, int Unscored);

/// <summary>
/// Scores every corner-hour of the days in [from, to) under three models that share the corner's trailing 182-day
/// rate: flat (every hour alike), its hour-of-week profile, and the profile times the day's weather factor. A
/// corner with no crash in its trailing window expects none under every model; its crashes are counted unscored.
/// </summary>
public static class RiskNowEvaluation
{
    private static readonly int Bands = Enum.GetValues<HourBand>().Length;
    private static readonly int Classes = Enum.GetValues<WeatherClass>().Length;

    /// <summary>How many hours of each weekday (Monday 0) fall in each band.</summary>
    private static readonly int[,] HoursInBand = CountHoursInBand();

    public static RiskNowResult Run(
        TimedCrashes data, RiskNowModel model, WeatherTable weather, DateOnly from, DateOnly to,
        int rateDays = RiskNowLearner.RateDays)
    {
        var corners = data.Corners.Count;
        var start = from.DayNumber - rateDays;
        var span = to.DayNumber - start;
        var counts = new int[corners, HourOfWeek.Count];
        var daily = new int[corners, Math.Max(span, 0)];
        var onDay = new List<(int Corner, int Hour)>[Math.Max(to.DayNumber - from.DayNumber, 0)];
        foreach (var crash in data.Crashes)
        {
            if (crash.Day < model.TrainedBefore)
                counts[crash.Corner, crash.HourOfWeek]++;
            var i = crash.Day.DayNumber - start;
            if (i < 0 || i >= span)
                continue;
            daily[crash.Corner, i]++;
            if (crash.Day >= from)
                (onDay[crash.Day.DayNumber - from.DayNumber] ??= []).Add((crash.Corner, crash.HourOfWeek));
        }
        var profiles = new HourOfWeekProfile[corners];
        var bandShare = new double[corners, 7, Bands];
        for (var c = 0; c < corners; c++)
        {
            var own = new int[HourOfWeek.Count];
            for (var h = 0; h < own.Length; h++)
                own[h] = counts[c, h];
            profiles[c] = model.CornerProfile(own);
            for (var h = 0; h < HourOfWeek.Count; h++)
                bandShare[c, h / 24, (int)HourOfWeek.BandOf(h)] += profiles[c].Shares[h];
        }

        var window = new double[corners];
        for (var c = 0; c < corners; c++)
            for (var i = 0; i < rateDays; i++)
                window[c] += daily[c, i];
        var observedBand = new int[Bands];
        var flatBand = new double[Bands];
        var fullBand = new double[Bands];
        var classDays = new int[Classes + 1];
        var observedClass = new int[Classes + 1];
        var flatClass = new double[Classes + 1];
        var fullClass = new double[Classes + 1];
        var days = new List<RiskNowDay>();
        int scored = 0, unscored = 0;
        for (var d = 0; d < onDay.Length; d++)
        {
            var day = from.AddDays(d);
            var dow = HourOfWeek.DayIndex(day);
            var conditions = weather.On(day);
            var factor = conditions is null ? 1 : model.Weather.Factor(conditions);
            var k = conditions is null ? Classes : (int)conditions.Class;
            classDays[k]++;
            double flat = 0, profile = 0, full = 0;
            for (var c = 0; c < corners; c++)
            {
                var rate = window[c] / rateDays;
                if (rate == 0)
                    continue;
                var dayShare = profiles[c].DayShare(dow);
                flat -= rate;
                profile -= rate * 7 * dayShare;
                full -= rate * 7 * dayShare * factor;
                flatClass[k] += rate;
                fullClass[k] += rate * 7 * dayShare * factor;
                for (var b = 0; b < Bands; b++)
                {
                    fullBand[b] += rate * 7 * bandShare[c, dow, b] * factor;
                    flatBand[b] += rate / 24 * HoursInBand[dow, b];
                }
            }
            var crashes = 0;
            foreach (var (c, h) in onDay[d] ?? [])
            {
                var rate = window[c] / rateDays;
                if (rate == 0)
                {
                    unscored++;
                    continue;
                }
                crashes++;
                var share = profiles[c].Shares[h];
                flat += Math.Log(rate / 24);
                profile += Math.Log(rate * 7 * share);
                full += Math.Log(rate * 7 * share * factor);
                observedBand[(int)HourOfWeek.BandOf(h)]++;
                observedClass[k]++;
            }
            scored += crashes;
            days.Add(new RiskNowDay(day, conditions?.Class, crashes, flat, profile, full));
            // The window moves on: the day just scored enters it, the oldest leaves.
            var today = d + rateDays;
            for (var c = 0; c < corners; c++)
                window[c] += daily[c, today] - daily[c, today - rateDays];
        }
        var byClass = Enumerable.Range(0, Classes + 1)
            .Where(k => classDays[k] > 0)
            .Select(k => new CalibrationRow(k == Classes ? "unknown" : ((WeatherClass)k).ToString(), classDays[k],
                observedClass[k], flatClass[k], fullClass[k]))
            .ToList();
        var byBand = Enumerable.Range(0, Bands)
            .Select(b => new CalibrationRow(((HourBand)b).ToString(), onDay.Length, observedBand[b], flatBand[b],
                fullBand[b]))
            .ToList();
        return new RiskNowResult(days, byClass, byBand, scored, unscored);
    }

    private static int[,] CountHoursInBand()
    {
        var hours = new int[7, Bands];
        for (var h = 0; h < HourOfWeek.Count; h++)
            hours[h / 24, (int)HourOfWeek.BandOf(h)]++;
        return hours;
    }
}
