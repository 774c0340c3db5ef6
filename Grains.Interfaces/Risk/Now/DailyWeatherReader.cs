using System.Globalization;
using nietras.SeparatedValues;

namespace VisionZero.Risk.Now;

/// <summary>
/// Reads NOAA's GHCN-Daily table as Climate Data Online exports it (DATE, PRCP, SNOW, SNWD, TMAX among other
/// columns, in any order, quoted or not). A structural fault (a missing or repeated column, a date or number that
/// does not parse, a day given twice, a quote never closed) refuses the file, naming the line. A day with PRCP,
/// SNWD or TMAX empty is left out and counted; an empty SNOW is kept as unknown.
/// </summary>
public static class DailyWeatherReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["DATE", "PRCP", "SNOW", "SNWD", "TMAX"];

    public static WeatherTable Read(TextReader input, string sourceName)
    {
        try
        {
            return ReadRows(input, sourceName);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException
                                      or ArgumentOutOfRangeException)
        {
            throw new WeatherFileException($"{sourceName}: {e.Message}", e);
        }
    }

    private static WeatherTable ReadRows(TextReader input, string sourceName)
    {
        using var reader = Sep.New(',')
            .Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .From(input);
        if (reader.Header.IsEmpty)
            throw new WeatherFileException($"{sourceName}: the file is empty");
        var names = reader.Header.ColNames;
        var columns = RequiredColumns.Select(name => ColumnOf(names, name, sourceName)).ToArray();
        var days = new Dictionary<DateOnly, DailyWeather>();
        var incomplete = 0;
        var line = 1;
        foreach (var row in reader)
        {
            line++;
            if (row.ColCount != names.Count)
                throw new WeatherFileException(
                    $"{sourceName}: line {line} has {row.ColCount} fields, the header {names.Count}");
            var date = row[columns[0]].ToString();
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var day))
                throw new WeatherFileException(
                    $"{sourceName}: line {line}: DATE '{Shown(date)}' is not a yyyy-MM-dd date");
            var prcp = Number(row[columns[1]].ToString(), "PRCP", line, sourceName);
            var snow = Number(row[columns[2]].ToString(), "SNOW", line, sourceName);
            var snwd = Number(row[columns[3]].ToString(), "SNWD", line, sourceName);
            var tmax = Number(row[columns[4]].ToString(), "TMAX", line, sourceName);
            if (prcp is null || snwd is null || tmax is null)
            {
                incomplete++;
                continue;
            }
            if (!days.TryAdd(day, new DailyWeather(day, prcp.Value, snow, snwd.Value, tmax.Value)))
                throw new WeatherFileException($"{sourceName}: line {line}: {day:yyyy-MM-dd} is given twice");
        }
        return new WeatherTable(days.Values, incomplete);
    }

    private static double? Number(string text, string column, int line, string sourceName)
    {
        if (text.Length == 0)
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || Math.Abs(value) > 1_000)
            throw new WeatherFileException($"{sourceName}: line {line}: {column} '{Shown(text)}' is not a number");
        return value;
    }

    // A repeated column name never gets here: Sep refuses the header.
    private static int ColumnOf(IReadOnlyList<string> header, string name, string sourceName)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        throw new WeatherFileException(
            $"{sourceName}: the header has no {name} column (it needs {string.Join(", ", RequiredColumns)})");
    }

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
