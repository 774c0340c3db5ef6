using VisionZero.Grid;

namespace VisionZero.Client.Output;

/// <summary>
/// The ingest summary as vz ingest prints it without --json: a boxed table titled with the source in a terminal,
/// plain aligned text under the source's name in a pipe.
/// </summary>
public static class IngestSummaryTable
{
    public static void Write(CliOutput output, IngestSummary s) => TextTable.Write(output, Content(s), s.Source);

    /// <summary>One row per count; the rejected rows' reasons, indented, under "rejected".</summary>
    public static TableContent Content(IngestSummary s)
    {
        var rows = new List<(string Label, long Count)>
        {
            ("read", s.Read),
            ("accepted (new)", s.Accepted),
            ("duplicates", s.Duplicates),
            ("replaced", s.Replaced),
            ("rejected", s.Rejected),
        };
        rows.AddRange(s.RejectedByReason
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ($"  {r.Key}", r.Value)));
        rows.Add(("attributed by coordinates", s.Attributed));
        rows.Add(("unmatched", s.Unmatched));
        rows.Add(("intersections touched", s.IntersectionsTouched));
        return TableContent.From<(string Label, long Count)>(rows, [
            (TextColumn.Name(""), (r, _) => r.Label),
            (TextColumn.Number("rows"), (r, _) => $"{r.Count:N0}"),
        ]);
    }
}
