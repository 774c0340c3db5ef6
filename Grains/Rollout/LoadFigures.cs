namespace VisionZero.Grains.Rollout;

/// <summary>
/// What one side of the staging load test measured: requests sent, how many failed (an error status, a timeout, or
/// an answer from another model version), latency percentiles and completed requests a second.
/// </summary>
public sealed record LoadFigures(int Requests, int Failed, double P50Ms, double P99Ms, double PerSecond)
{
    public double ErrorRate => Requests == 0 ? 1 : (double)Failed / Requests;

    /// <summary>From each request's latency (milliseconds, successes and failures alike) over the time spent.</summary>
    public static LoadFigures From(IReadOnlyList<double> latenciesMs, int failed, TimeSpan spent)
    {
        if (latenciesMs.Count == 0)
            return new LoadFigures(0, failed, 0, 0, 0);
        var sorted = latenciesMs.Order().ToArray();
        return new LoadFigures(
            sorted.Length,
            failed,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            spent <= TimeSpan.Zero ? 0 : sorted.Length / spent.TotalSeconds);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
