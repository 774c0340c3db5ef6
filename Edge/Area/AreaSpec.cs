using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Edge.Area;

/// <summary>
/// Which corners the edge keeps: those within a radius of a centre, those of one borough, or a list of ids.
/// With none given, the centre is the first GPS fix (<see cref="Pending"/> until it comes).
/// </summary>
public sealed record AreaSpec(
    double? Latitude, double? Longitude, double RadiusM, string? Borough, ImmutableArray<string> Ids)
{
    public const double DefaultRadiusM = 5_000;

    public static AreaSpec AroundFirstFix(double radiusM = DefaultRadiusM) => new(null, null, radiusM, null, []);

    public static AreaSpec Around(double latitude, double longitude, double radiusM = DefaultRadiusM) =>
        new(latitude, longitude, radiusM, null, []);

    public static AreaSpec OfBorough(string borough) => new(null, null, 0, borough.Trim().ToUpperInvariant(), []);

    public static AreaSpec OfIds(IEnumerable<string> ids) => new(null, null, 0, null, [.. ids]);

    /// <summary>A centred area still waiting for the first fix to know its centre.</summary>
    public bool Pending => Borough is null && Ids.IsDefaultOrEmpty && Latitude is null;

    public AreaSpec CentredOn(double latitude, double longitude) =>
        Pending ? this with { Latitude = latitude, Longitude = longitude } : this;

    public bool Contains(IntersectionPlacement corner)
    {
        if (!Ids.IsDefaultOrEmpty)
            return Ids.Contains(corner.Id);
        if (Borough is not null)
            return string.Equals(corner.Borough, Borough, StringComparison.OrdinalIgnoreCase);
        return Latitude is { } lat && Longitude is { } lon
            && corner.Latitude is { } cLat && corner.Longitude is { } cLon
            && GeoMath.DistanceM(lat, lon, cLat, cLon) <= RadiusM;
    }

    public override string ToString() =>
        !Ids.IsDefaultOrEmpty ? $"{Ids.Length} listed corners"
        : Borough is not null ? $"borough {Borough}"
        : Latitude is { } lat && Longitude is { } lon
            ? FormattableString.Invariant($"{RadiusM:F0} m around {lat:F5},{lon:F5}")
            : FormattableString.Invariant($"{RadiusM:F0} m around the first GPS fix");
}
