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
}
