namespace VisionZero.Risk;

/// <summary>The five risk classes, from the fewest expected crashes to the most. Numbered for storage.</summary>
[GenerateSerializer, Alias("vz.RiskClass")]
public enum RiskClass
{
    Safe = 0,
    SomewhatSafe = 1,
    Average = 2,
    SomewhatDangerous = 3,
    Dangerous = 4,
}
