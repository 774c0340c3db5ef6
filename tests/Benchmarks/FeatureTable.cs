using System.Globalization;
using System.Text;
using VisionZero.Grid;

namespace VisionZero.Benchmarks;

/// <summary>
/// The 6m/1y/5y counts and the label for every intersection at every as-of date, one flat array per
/// feature (row = intersection * dates + date), computed with the same CountWindows the grains use.
/// </summary>
public sealed class FeatureTable
{
    private readonly string[] _ids;
    private readonly DateOnly[] _dates;
    private readonly int[] _sixMonths, _oneYear, _fiveYears, _label;

    private FeatureTable(string[] ids, DateOnly[] dates)
    {
        _ids = ids;
        _dates = dates;
        var size = checked(ids.Length * dates.Length);
        _sixMonths = new int[size];
        _oneYear = new int[size];
        _fiveYears = new int[size];
        _label = new int[size];
    }

    public long Rows => _sixMonths.Length;

    public static FeatureTable Compute(string[] ids, IReadOnlyList<CrashHistory> histories, DateOnly[] dates)
    {
        var table = new FeatureTable(ids, dates);
        var asOf = dates.Select(d => d.DayNumber).ToArray();
        // The label is the 182 days after T: a window of 182 days ending on T + 182.
        var labelEnd = asOf.Select(d => d + SnapshotDates.LabelDays).ToArray();
        var n = dates.Length;
        for (var i = 0; i < histories.Count; i++)
        {
            var history = histories[i];
            history.CountWindows(asOf, RollingWindows.SixMonths, table._sixMonths.AsSpan(i * n, n));
            history.CountWindows(asOf, RollingWindows.OneYear, table._oneYear.AsSpan(i * n, n));
            history.CountWindows(asOf, RollingWindows.FiveYears, table._fiveYears.AsSpan(i * n, n));
            history.CountWindows(labelEnd, SnapshotDates.LabelDays, table._label.AsSpan(i * n, n));
        }
        return table;
    }

    /// <summary>
    /// Column sums: printed so a run can be checked against another at a glance (and so nothing is dead code).
    /// </summary>
    public (long SixMonths, long OneYear, long FiveYears, long Label) Sums() =>
        (Sum(_sixMonths), Sum(_oneYear), Sum(_fiveYears), Sum(_label));

    /// <summary>Writes the peer's columns, ordered like the peer's output: by date, then intersection id.</summary>
    public void WriteCsv(string path)
    {
        var order = Enumerable.Range(0, _ids.Length).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(_ids[a], _ids[b]));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("prediction_time,intersection_id,accidents_6m,accidents_1y,accidents_5y,future_accidents_6m\n");
        var n = _dates.Length;
        for (var d = 0; d < n; d++)
        {
            var date = _dates[d].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var i in order)
            {
                var at = i * n + d;
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{date},{_ids[i]},{_sixMonths[at]},{_oneYear[at]},{_fiveYears[at]},{_label[at]}\n"));
            }
        }
    }

    private static long Sum(int[] values)
    {
        long sum = 0;
        foreach (var v in values)
            sum += v;
        return sum;
    }
}
