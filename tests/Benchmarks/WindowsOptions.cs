namespace VisionZero.Benchmarks;

/// <summary>Arguments of the <c>windows</c> command.</summary>
/// <param name="Dates">How many monthly as-of dates, ending at the last one whose label window is in the data.</param>
/// <param name="PeerDates">Use the Python peer's snapshot dates instead, so row counts line up.</param>
/// <param name="Out">Optional CSV of the feature rows (the peer's column names), for a sanity check.</param>
public sealed record WindowsOptions(string File, int Dates = 60, bool PeerDates = false, string? Out = null);
