namespace VisionZero.Silo.Web.Api;

/// <summary>
/// GET /api/map/corners's answer: every corner in the box when there are few enough ("corners"), otherwise the box
/// cut into cells ("cells"). Classes are 0 (Safe) to 4 (Dangerous), null before a model; expected is the 6-month
/// forecast (crashes), or the last year's crashes before a model.
/// </summary>
public sealed record MapView(
    string? AsOf, int? ModelVersion, int Total, string Mode, IReadOnlyList<MapCorner> Corners,
    IReadOnlyList<MapCell> Cells);

/// <summary>One corner as the map draws it.</summary>
public sealed record MapCorner(string Id, string Name, double Lat, double Lon, int? Class, double Expected);

/// <summary>The corners of one cell: where they are on average, how many, the worst class, the sum expected.</summary>
public sealed record MapCell(double Lat, double Lon, int Count, int? Class, double Expected);

/// <summary>GET /api/intersections/{id}/months: crashes and casualties per month of the corner's history.</summary>
public sealed record CrashMonth(string Month, int Crashes, int Injured, int Killed);
