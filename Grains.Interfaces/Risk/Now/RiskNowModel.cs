namespace VisionZero.Risk.Now;

/// <summary>
/// What "risk right now" needs beside a corner's own crashes: the grid's hour-of-week profile, how strongly a corner's
/// profile is shrunk toward it, and the weather factors, all learnt from days before <see cref="TrainedBefore"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.RiskNowModel")]
public sealed record RiskNowModel(
    [property: Id(0)] HourOfWeekProfile GridProfile,
    [property: Id(1)] double Strength,
    [property: Id(2)] WeatherFactors Weather,
    [property: Id(3)] DateOnly TrainedBefore)
{
    /// <summary>A corner's profile from its crashes per hour of the week.</summary>
    public HourOfWeekProfile CornerProfile(ReadOnlySpan<int> counts) =>
        HourOfWeekProfile.OfCorner(counts, GridProfile, Strength);

    /// <summary>
    /// Expected crashes in one hour of the week at a corner that has <paramref name="crashesPerDay"/> on average:
    /// its week's crashes × the hour's share × the day's weather factor (1 when the weather is unknown).
    /// </summary>
    public double Expected(double crashesPerDay, HourOfWeekProfile profile, int hourOfWeek, DailyWeather? weather) =>
        crashesPerDay * 7 * profile.Shares[hourOfWeek] * (weather is null ? 1 : Weather.Factor(weather));
}
