namespace VisionZero.Silo.Rollout;

/// <summary>The canary's simulated users' corners: those its slice gives the canary, and the rest.</summary>
public sealed record CanaryTraffic(int Canary, int Production, string[] Slice, string[] Rest);
