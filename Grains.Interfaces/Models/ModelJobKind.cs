namespace VisionZero.Models;

/// <summary>The background jobs an operator can trigger by hand (they also run on schedules).</summary>
[GenerateSerializer, Alias("vz.ModelJobKind")]
public enum ModelJobKind
{
    Train = 0,
    Tune = 1,
    Ingest = 2,
}
