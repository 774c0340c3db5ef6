using System.Collections.Immutable;
using VisionZero.Models;

namespace VisionZero.Grains.Rollout;

/// <summary>What the offline gate decided, why, and the figures it decided on.</summary>
public sealed record GateVerdict(bool Passed, string Why, ImmutableArray<GateComparison> Figures);
