namespace VisionZero.Client.Synth;

/// <summary>
/// What was written. <paramref name="Intersections"/> counts intersections that received at least one crash
/// (coordinate-only rows included); the dates are the earliest and latest crash dates actually written.
/// </summary>
public sealed record SynthSummary(int Rows, int Intersections, DateOnly FirstDate, DateOnly LastDate);
