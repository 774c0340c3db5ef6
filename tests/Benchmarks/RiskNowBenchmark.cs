using System.Globalization;
using VisionZero.Risk.Now;

namespace VisionZero.Benchmarks;

/// <summary>
/// Risk right now, judged on days it never saw: the factors are learnt from crashes and weather before the cutoff
/// (the shrinkage strength chosen on the last year before it), then the days from the cutoff on are scored.
/// Prints the calibration tables (observed over expected by weather class and by band of the week) and the
/// log-likelihood gain per crash over a flat day, with a bootstrap over days for its noise.
/// </summary>
public static class RiskNowBenchmark
{
    public const string Usage =
        "risknow CRASHES WEATHER --cutoff yyyy-MM-dd [--days N] [--rate-days N] [--bootstrap N]";

    public static readonly double[] Strengths = [6, 12, 24, 48, 96, 192, 384, 768, 1_536, 3_072, 6_144, 12_288];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
            throw new ArgumentException("the crash file and the weather file are required");
        DateOnly? cutoff = null;
        int days = 365, bootstrap = 1000, rateDays = RiskNowLearner.RateDays;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cutoff" when i + 1 < args.Length && DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var c):
                    cutoff = c;
                    i++;
                    break;
                case "--days" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n is > 0 and <= 3_660:
                    days = n;
                    i++;
                    break;
                case "--rate-days" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r)
                                        && r is >= 28 and <= 3_660:
                    rateDays = r;
                    i++;
                    break;
                case "--bootstrap" when i + 1 < args.Length && int.TryParse(args[i + 1], out var b)
                                        && b is > 0 and <= 100_000:
                    bootstrap = b;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            }
        }
        if (cutoff is not { } from)
            throw new ArgumentException("--cutoff yyyy-MM-dd is required");
        if (!File.Exists(args[1]))
            throw new ArgumentException($"no such file '{args[1]}'");
        WeatherTable weather;
        using (var text = File.OpenText(args[1]))
            weather = DailyWeatherReader.Read(text, Path.GetFileName(args[1]));
        var data = await TimedCrashLoader.LoadAsync(args[0], DateOnly.FromDateTime(DateTime.UtcNow));
        var (model, choice) = Learn(data, weather, from, rateDays);
        var result = RiskNowEvaluation.Run(data, model, weather, from, from.AddDays(days), rateDays);
        Print(data, weather, model, choice, result, from, days, bootstrap, rateDays);
        return 0;
    }

    /// <summary>
    /// The strength scored best on the year before the cutoff (learning before that year), then the model learnt
    /// on everything before the cutoff with it. Nothing from the cutoff on is read.
    /// </summary>
    public static (RiskNowModel Model, IReadOnlyList<(double Strength, double LogLikelihood)> Choice) Learn(
        TimedCrashes data, WeatherTable weather, DateOnly cutoff, int rateDays = RiskNowLearner.RateDays)
    {
        var validation = cutoff.AddDays(-365);
        var before = data with { Crashes = [.. data.Crashes.Where(c => c.Day < cutoff)] };
        var choice = Strengths
            .Select(k => (k, RiskNowEvaluation.Run(before, RiskNowLearner.Learn(before.Crashes, weather, validation, k),
                weather, validation, cutoff, rateDays).Days.Sum(d => d.Profile)))
            .ToList();
        var best = choice.MaxBy(c => c.Item2).k;
        return (RiskNowLearner.Learn(before.Crashes, weather, cutoff, best), choice);
    }

    private static void Print(TimedCrashes data, WeatherTable weather, RiskNowModel model,
        IReadOnlyList<(double Strength, double LogLikelihood)> choice, RiskNowResult result, DateOnly from, int days,
        int bootstrap, int rateDays)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"risknow corners={data.Corners.Count} timed={data.Crashes.Count} " +
            $"untimed={data.Untimed} weatherDays={weather.Count} cutoff={from:yyyy-MM-dd} heldOutDays={days} " +
            $"scored={result.Scored} unscored={result.Unscored} strength={model.Strength} rateDays={rateDays}"));
        Console.WriteLine("validation " + string.Join(' ', choice.Select(x => string.Create(c,
            $"k{x.Strength}={x.LogLikelihood:F1}"))));
        Console.WriteLine(string.Create(c, $"factors days={model.Weather.Days} ") + string.Join(' ',
            Enum.GetValues<WeatherClass>().Select(k => string.Create(c, $"{k}={model.Weather.ByClass[(int)k]:F3}"))
                .Concat(Enum.GetValues<TemperatureBand>().Select(b =>
                    string.Create(c, $"{b}={model.Weather.ByBand[(int)b]:F3}")))));
        Table("weather class", result.ByClass);
        Table("band of the week", result.ByBand);
        var gains = Bootstrap(result.Days, bootstrap);
        Console.WriteLine(string.Create(c,
            $"gain nats/crash over flat: profile {gains.Profile.Median:F4} [{gains.Profile.Low:F4}, " +
            $"{gains.Profile.High:F4}], profile+weather {gains.Full.Median:F4} [{gains.Full.Low:F4}, " +
            $"{gains.Full.High:F4}], weather alone {gains.Weather.Median:F4} [{gains.Weather.Low:F4}, " +
            $"{gains.Weather.High:F4}] (median [2.5 %, 97.5 %] of {bootstrap} resamples of days)"));
    }

    /// <summary>
    /// Observed over expected per row, and that ratio over the table's overall ratio: the first shows the level
    /// the trailing rate sets, the second whether the profile and the weather share it out right.
    /// </summary>
    private static void Table(string title, IReadOnlyList<CalibrationRow> rows)
    {
        var overall = rows.Sum(r => r.Observed) / rows.Sum(r => r.ExpectedFull);
        Console.WriteLine($"| {title} | days | observed | expected, flat | O/E flat | expected, now | O/E now | " +
            "O/E now ÷ overall |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Days} | {r.Observed} | {r.ExpectedFlat:F1} | {r.Observed / r.ExpectedFlat:F2} | " +
                $"{r.ExpectedFull:F1} | {r.Observed / r.ExpectedFull:F2} | " +
                $"{r.Observed / r.ExpectedFull / overall:F2} |"));
    }

    public readonly record struct Interval(double Low, double Median, double High);

    /// <summary>The gain per crash over the held-out days, and its spread over resamples of the days.</summary>
    public static (Interval Profile, Interval Full, Interval Weather) Bootstrap(IReadOnlyList<RiskNowDay> days, int n)
    {
        var random = new Random(7);
        var profile = new double[n];
        var full = new double[n];
        var weather = new double[n];
        for (var r = 0; r < n; r++)
        {
            double crashes = 0, p = 0, f = 0, w = 0;
            for (var i = 0; i < days.Count; i++)
            {
                var d = days[random.Next(days.Count)];
                crashes += d.Crashes;
                p += d.Profile - d.Flat;
                f += d.Full - d.Flat;
                w += d.Full - d.Profile;
            }
            profile[r] = p / crashes;
            full[r] = f / crashes;
            weather[r] = w / crashes;
        }
        return (Of(profile), Of(full), Of(weather));
    }

    private static Interval Of(double[] values)
    {
        Array.Sort(values);
        double At(double q) => values[Math.Min(values.Length - 1, (int)(q * values.Length))];
        return new Interval(At(0.025), At(0.5), At(0.975));
    }
}
