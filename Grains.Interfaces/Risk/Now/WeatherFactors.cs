using System.Collections.Immutable;

namespace VisionZero.Risk.Now;

/// <summary>
/// How much a day's weather multiplies the crashes expected without it: one factor per <see cref="WeatherClass"/>
/// times one per <see cref="TemperatureBand"/>. Fitted as a Poisson model with those two main effects, by
/// iterative proportional fitting (its maximum-likelihood fit), each factor shrunk toward 1 by
/// <see cref="PriorCrashes"/> pseudo-crashes so a class seen on few days stays near 1. The bands are scaled so that,
/// over the days it learnt from, they average 1: the classes carry the overall level.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.WeatherFactors")]
public sealed record WeatherFactors(
    [property: Id(0)] ImmutableArray<double> ByClass,
    [property: Id(1)] ImmutableArray<double> ByBand,
    [property: Id(2)] int Days)
{
    public const double PriorCrashes = 50;

    private const int Iterations = 50;

    /// <summary>No weather known: every factor 1.</summary>
    public static WeatherFactors None { get; } = new([1, 1, 1, 1], [1, 1, 1, 1], 0);

    public double Factor(DailyWeather weather) => Factor(weather.Class, weather.Band);

    public double Factor(WeatherClass weather, TemperatureBand band) => ByClass[(int)weather] * ByBand[(int)band];

    public static WeatherFactors Fit(IReadOnlyList<WeatherDay> days)
    {
        var byClass = new double[] { 1, 1, 1, 1 };
        var byBand = new double[] { 1, 1, 1, 1 };
        if (days.Count == 0)
            return None;
        for (var i = 0; i < Iterations; i++)
        {
            Update(byClass, days, d => (int)d.Weather.Class, d => byBand[(int)d.Weather.Band]);
            Update(byBand, days, d => (int)d.Weather.Band, d => byClass[(int)d.Weather.Class]);
            // One scale is free between the two sets: the bands average 1 over the days, weighted by expectation.
            double weighted = 0, expected = 0;
            foreach (var d in days)
            {
                weighted += d.Expected * byBand[(int)d.Weather.Band];
                expected += d.Expected;
            }
            var scale = expected > 0 ? weighted / expected : 1;
            for (var b = 0; b < byBand.Length; b++)
                byBand[b] /= scale;
            for (var c = 0; c < byClass.Length; c++)
                byClass[c] *= scale;
        }
        return new WeatherFactors([.. byClass], [.. byBand], days.Count);
    }

    private static void Update(
        double[] factors, IReadOnlyList<WeatherDay> days, Func<WeatherDay, int> group, Func<WeatherDay, double> other)
    {
        var observed = new double[factors.Length];
        var expected = new double[factors.Length];
        foreach (var d in days)
        {
            observed[group(d)] += d.Observed;
            expected[group(d)] += d.Expected * other(d);
        }
        for (var k = 0; k < factors.Length; k++)
            factors[k] = (observed[k] + PriorCrashes) / (expected[k] + PriorCrashes);
    }
}
