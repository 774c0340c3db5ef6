namespace VisionZero.Grains.Risk.Serving;

/// <summary>
/// Marks the calls of one request as the rollout's staging load test: the grains it reaches score with the version in
/// staging. Carried by Orleans' request context, so the mark follows the request through every grain call it makes
/// (a near query's fan-out included). Only the silo's HTTP front sets it, for an admin request.
/// </summary>
public static class StagingRequest
{
    private const string Key = "vz.serve";
    private const string Staging = "staging";
    private const string Production = "production";

    public static bool Active => Orleans.Runtime.RequestContext.Get(Key) as string == Staging;

    /// <summary>The request asked for production's answer: the load test's side to compare with.</summary>
    public static bool ProductionOnly => Orleans.Runtime.RequestContext.Get(Key) as string == Production;

    public static void Mark() => Orleans.Runtime.RequestContext.Set(Key, Staging);

    public static void MarkProduction() => Orleans.Runtime.RequestContext.Set(Key, Production);
}
