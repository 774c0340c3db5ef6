using System.Runtime.CompilerServices;
using VisionZero.Api;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// The JSON view of a snapshot, built once per snapshot instance: the query cache hands out the same
/// instances until the grid or the model changes, so a busy corner is not re-shaped per request.
/// </summary>
public static class IntersectionJsonCache
{
    private static readonly ConditionalWeakTable<IntersectionSnapshot, IntersectionJson> Views = new();

    public static IntersectionJson Of(IntersectionSnapshot snapshot) =>
        Views.GetValue(snapshot, static s => IntersectionJson.From(s));

    public static IntersectionJson Of(IntersectionSnapshot snapshot, double distanceM) =>
        Of(snapshot) with { DistanceM = distanceM };
}
