using System.Collections.Frozen;

namespace VisionZero.Risk.Now;

/// <summary>Daily conditions by day, and how many days of the file had a required value missing.</summary>
public sealed class WeatherTable(IEnumerable<DailyWeather> days, int incompleteDays)
{
    private readonly FrozenDictionary<DateOnly, DailyWeather> _days = days.ToFrozenDictionary(d => d.Day);

    public int Count => _days.Count;

    public int IncompleteDays { get; } = incompleteDays;

    public DateOnly? First => _days.Count == 0 ? null : _days.Keys.Min();

    public DateOnly? Last => _days.Count == 0 ? null : _days.Keys.Max();

    public DailyWeather? On(DateOnly day) => _days.GetValueOrDefault(day);
}
