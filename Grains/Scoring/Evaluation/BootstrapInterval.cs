namespace VisionZero.Scoring.Evaluation;

/// <summary>
/// One scorer minus another on one metric over the bootstrap's replicates: the 5th, 50th and 95th percentile of
/// the mean difference over the cutoffs, and the share of replicates in which the subject was ahead.
/// </summary>
public sealed record BootstrapInterval(
    string Metric,
    string Against,
    double P05,
    double Median,
    double P95,
    double SubjectAhead)
{
    /// <summary>Half the width of the 5th-95th percentile interval: how far the draw of corners moves the median.
    /// </summary>
    public double HalfWidth => (P95 - P05) / 2;
}
