namespace VisionZero.Models;

/// <summary>Where a model version stands in the rollout. Numbered for storage.</summary>
[GenerateSerializer, Alias("vz.ModelStage")]
public enum ModelStage
{
    Candidate = 0,
    Staging = 1,
    Canary = 2,
    Production = 3,
    Archived = 4,
}
