namespace VisionZero.Grains.Rollout;

/// <summary>The canary's figures at one moment: each side's load figures and the paired scores.</summary>
public sealed record CanarySnapshot(
    LoadFigures Canary, LoadFigures Production, double[] CanaryScores, double[] ProductionScores, int Agreeing)
{
    public int Pairs => CanaryScores.Length;

    public double Agreement => Pairs == 0 ? 0 : (double)Agreeing / Pairs;
}
