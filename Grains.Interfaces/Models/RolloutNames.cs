namespace VisionZero.Models;

/// <summary>The names a <see cref="RolloutStep"/> uses on the wire and in storage.</summary>
public static class RolloutNames
{
    public const string OfflineGate = "offline-gate";
    public const string Staging = "staging";
    public const string Canary = "canary";

    public const string Passed = "passed";
    public const string Failed = "failed";
}
