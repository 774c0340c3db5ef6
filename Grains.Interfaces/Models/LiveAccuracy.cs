namespace VisionZero.Models;

/// <summary>
/// A version's accuracy on the predictions it served whose 182 days have passed on the data clock (matured), beside
/// its own backtest: capture@5 %, macro-F1 and calibration as the backtests compute them. Null figures: nothing has
/// matured yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.LiveAccuracy")]
public sealed record LiveAccuracy(
    [property: Id(0)] int Version,
    [property: Id(1)] DateOnly? DataAsOf,
    [property: Id(2)] int Logged,
    [property: Id(3)] int Matured,
    [property: Id(4)] double? Capture5,
    [property: Id(5)] double? MacroF1,
    [property: Id(6)] double? Calibration,
    [property: Id(7)] double? BacktestCapture5,
    [property: Id(8)] double? BacktestMacroF1);
