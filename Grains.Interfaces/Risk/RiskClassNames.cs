using System.Collections.Immutable;

namespace VisionZero.Risk;

/// <summary>The names people read: "Somewhat Safe", not SomewhatSafe.</summary>
public static class RiskClassNames
{
    public static string Display(RiskClass riskClass) => riskClass switch
    {
        RiskClass.Safe => "Safe",
        RiskClass.SomewhatSafe => "Somewhat Safe",
        RiskClass.Average => "Average",
        RiskClass.SomewhatDangerous => "Somewhat Dangerous",
        RiskClass.Dangerous => "Dangerous",
        _ => riskClass.ToString(),
    };

    /// <summary>Class probabilities by display name, rounded to four places: how every answer writes them.</summary>
    public static Dictionary<string, double> ByName(ImmutableArray<double> probabilities)
    {
        var named = new Dictionary<string, double>(probabilities.Length);
        for (var i = 0; i < probabilities.Length; i++)
            named[Display((RiskClass)i)] = Math.Round(probabilities[i], 4);
        return named;
    }
}
