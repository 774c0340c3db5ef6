using System.Globalization;
using System.Text;
using VisionZero.Risk;

namespace VisionZero.Edge.Answer;

/// <summary>One answer as one line of text: time, place, the area's class, the corners, and what is ahead.</summary>
public static class AnswerLine
{
    public static string Format(AreaRisk answer)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"{answer.Time:HH:mm:ss} {answer.Latitude:F5},{answer.Longitude:F5}  ");
        if (answer.ModelVersion is null)
            line.Append("no model yet");
        else if (answer.HighestClass is { } highest)
            line.Append(CultureInfo.InvariantCulture,
                $"{RiskClassNames.Display(highest)}, {Corners(answer.Corners.Length)} within " +
                $"{answer.RadiusM:F0} m, {answer.ExpectedCrashes:F2} crashes expected in 6 months");
        else
            line.Append(CultureInfo.InvariantCulture, $"no corner within {answer.RadiusM:F0} m");
        if (answer.Corners.FirstOrDefault() is { } nearest)
            line.Append(CultureInfo.InvariantCulture, $"; nearest {nearest.Name} ({nearest.DistanceM:F0} m)");
        if (answer.DangerAhead is { } ahead)
            line.Append(CultureInfo.InvariantCulture, $"  AHEAD: Dangerous {ahead.Name} in {ahead.DistanceM:F0} m");
        line.Append(CultureInfo.InvariantCulture, $"  [v{answer.ModelVersion?.ToString() ?? "-"}");
        line.Append(CultureInfo.InvariantCulture, $", as of {answer.AsOf?.ToString("yyyy-MM-dd") ?? "-"}");
        line.Append(answer.Stale ? ", stale]" : "]");
        return line.ToString();
    }

    private static string Corners(int count) => count == 1 ? "1 corner" : $"{count} corners";
}
