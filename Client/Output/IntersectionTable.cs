using VisionZero.Grid;
using VisionZero.Risk;

namespace VisionZero.Client.Output;

/// <summary>Human output: one row per intersection with its windows.</summary>
public static class IntersectionTable
{
    public static void Write(
        CliOutput output, IReadOnlyList<IntersectionSnapshot> rows, IReadOnlyList<double>? distances = null)
    {
        if (rows.Count == 0)
        {
            output.Warning("No intersections.");
            return;
        }
        var left = TextTable.Write(output, Content(rows, distances));
        if (left.Count > 0)
            output.Note($"not shown at {output.Width} columns: {string.Join(", ", left)}; --json has every field");
        output.Note($"as of {rows[0].AsOf:yyyy-MM-dd}; windows are the 182, 365 and 1826 days ending that day");
        if (rows[0].Risk is { } risk)
            output.Note($"risk = expected crashes in the next 182 days, model version {risk.ModelVersion}");
        else
            output.Warning($"No risk forecast: {rows[0].RiskUnavailable ?? "no model"}");
    }

    /// <summary>
    /// The columns, most needed last in drop order: a narrow terminal leaves out the borough first and keeps the
    /// name, its class, its risk and (for vz near) its distance.
    /// </summary>
    public static TableContent Content(
        IReadOnlyList<IntersectionSnapshot> rows, IReadOnlyList<double>? distances = null)
    {
        var fields = new List<(TextColumn, Func<IntersectionSnapshot, int, string>)>();
        if (rows.Count > 1)
            fields.Add((TextColumn.Number("#", dropOrder: 6), (_, i) => (i + 1).ToString()));
        fields.Add((TextColumn.Name("intersection"), (s, _) => s.Name));
        fields.Add((TextColumn.Label("borough", dropOrder: 1), (s, _) => s.Borough ?? "-"));
        if (distances is not null)
            fields.Add((TextColumn.Number("dist m", dropOrder: 10), (_, i) => distances[i].ToString("F0")));
        fields.AddRange([
            (TextColumn.Number("6m", dropOrder: 4), (s, _) => s.SixMonths.Crashes.ToString()),
            (TextColumn.Number("1y", dropOrder: 8), (s, _) => s.OneYear.Crashes.ToString()),
            (TextColumn.Number("5y", dropOrder: 7), (s, _) => s.FiveYears.Crashes.ToString()),
            (TextColumn.Number("injured 1y", dropOrder: 2), (s, _) => s.OneYear.PersonsInjured.ToString()),
            (TextColumn.Number("killed 5y", dropOrder: 5), (s, _) => s.FiveYears.PersonsKilled.ToString()),
            (TextColumn.Number("risk", dropOrder: 9), (s, _) => s.Risk is { } r ? r.RiskScore.ToString("F2") : "-"),
            (TextColumn.Label("class"), (s, _) => s.Risk is { } r ? RiskClassNames.Display(r.RiskClass) : "-"),
            (TextColumn.Number("conf.", dropOrder: 3), (s, _) => s.Risk is { } r ? r.Confidence.ToString("P0") : "-"),
        ]);
        return TableContent.From(rows, fields);
    }
}
