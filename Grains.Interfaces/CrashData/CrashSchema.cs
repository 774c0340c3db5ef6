namespace VisionZero.CrashData;

/// <summary>
/// Maps an export's column names to <see cref="CrashField"/>s. Handles the current portal names,
/// the pre-2019 names (DATE, TIME, UNIQUE KEY), renamed LAT/LNG, and the SODA API's field names,
/// whose off_street_name holds what the portal calls CROSS STREET NAME (and cross_street_name the OFF street).
/// </summary>
public sealed class CrashSchema
{
    public static readonly int FieldCount = Enum.GetValues<CrashField>().Length;

    private static readonly Dictionary<string, CrashField> PortalNames = new(StringComparer.Ordinal)
    {
        ["CRASH DATE"] = CrashField.Date, ["DATE"] = CrashField.Date,
        ["CRASH TIME"] = CrashField.Time, ["TIME"] = CrashField.Time,
        ["BOROUGH"] = CrashField.Borough, ["ZIP CODE"] = CrashField.ZipCode,
        ["LATITUDE"] = CrashField.Latitude, ["LAT"] = CrashField.Latitude,
        ["LONGITUDE"] = CrashField.Longitude, ["LNG"] = CrashField.Longitude, ["LON"] = CrashField.Longitude,
        ["LOCATION"] = CrashField.Location,
        ["ON STREET NAME"] = CrashField.OnStreet, ["CROSS STREET NAME"] = CrashField.CrossStreet,
        ["OFF STREET NAME"] = CrashField.OffStreet,
        ["NUMBER OF PERSONS INJURED"] = CrashField.PersonsInjured,
        ["NUMBER OF PERSONS KILLED"] = CrashField.PersonsKilled,
        ["NUMBER OF PEDESTRIANS INJURED"] = CrashField.PedestriansInjured,
        ["NUMBER OF PEDESTRIANS KILLED"] = CrashField.PedestriansKilled,
        ["NUMBER OF CYCLIST INJURED"] = CrashField.CyclistsInjured,
        ["NUMBER OF CYCLIST KILLED"] = CrashField.CyclistsKilled,
        ["NUMBER OF MOTORIST INJURED"] = CrashField.MotoristsInjured,
        ["NUMBER OF MOTORIST KILLED"] = CrashField.MotoristsKilled,
        ["CONTRIBUTING FACTOR VEHICLE 1"] = CrashField.Factor1,
        ["CONTRIBUTING FACTOR VEHICLE 2"] = CrashField.Factor2,
        ["CONTRIBUTING FACTOR VEHICLE 3"] = CrashField.Factor3,
        ["CONTRIBUTING FACTOR VEHICLE 4"] = CrashField.Factor4,
        ["CONTRIBUTING FACTOR VEHICLE 5"] = CrashField.Factor5,
        ["COLLISION ID"] = CrashField.CollisionId, ["UNIQUE KEY"] = CrashField.CollisionId,
        ["VEHICLE TYPE CODE 1"] = CrashField.Vehicle1, ["VEHICLE TYPE CODE1"] = CrashField.Vehicle1,
        ["VEHICLE TYPE CODE 2"] = CrashField.Vehicle2, ["VEHICLE TYPE CODE2"] = CrashField.Vehicle2,
        ["VEHICLE TYPE CODE 3"] = CrashField.Vehicle3, ["VEHICLE TYPE CODE 4"] = CrashField.Vehicle4,
        ["VEHICLE TYPE CODE 5"] = CrashField.Vehicle5,
    };

    /// <summary>Without these a file is not a crash export, and nothing of it is read.</summary>
    public static readonly IReadOnlyList<CrashField> Required =
        [CrashField.Date, CrashField.CollisionId, CrashField.OnStreet, CrashField.CrossStreet];

    private readonly int[] _columnOf;

    private CrashSchema(int[] columnOf, bool isSoda)
    {
        _columnOf = columnOf;
        IsSoda = isSoda;
    }

    /// <summary>True when the names are the SODA API's (on_street_name ...), with the street swap applied.</summary>
    public bool IsSoda { get; }

    /// <summary>The column index of a field, or -1 when the export has no such column.</summary>
    public int ColumnOf(CrashField field) => _columnOf[(int)field];

    public bool Has(CrashField field) => _columnOf[(int)field] >= 0;

    /// <summary>Builds the mapping, or throws <see cref="CrashFileFormatException"/> naming what is missing.</summary>
    public static CrashSchema FromHeader(IReadOnlyList<string> header)
    {
        var isSoda = header.Any(h => h.Trim() == "on_street_name");
        var columnOf = Enumerable.Repeat(-1, FieldCount).ToArray();
        for (var i = 0; i < header.Count; i++)
        {
            if (!PortalNames.TryGetValue(NormalizeName(header[i]), out var field))
                continue;
            if (isSoda)
                field = SwapSodaStreets(field);
            if (columnOf[(int)field] < 0)
                columnOf[(int)field] = i;
        }
        var schema = new CrashSchema(columnOf, isSoda);
        var hasCoordinates = schema.Has(CrashField.Location) ||
            (schema.Has(CrashField.Latitude) && schema.Has(CrashField.Longitude));
        var missing = Required.Where(f => !schema.Has(f)).Select(DisplayName).ToList();
        if (!hasCoordinates)
            missing.Add("LATITUDE/LONGITUDE or LOCATION");
        if (missing.Count > 0)
            throw new CrashFileFormatException(
                $"not a crash export: missing column(s) {string.Join(", ", missing)}", missing);
        return schema;
    }

    public static string DisplayName(CrashField field) => field == CrashField.CollisionId
        ? "COLLISION_ID"
        : PortalNames.First(p => p.Value == field).Key;

    private static CrashField SwapSodaStreets(CrashField field) => field switch
    {
        CrashField.CrossStreet => CrashField.OffStreet,
        CrashField.OffStreet => CrashField.CrossStreet,
        _ => field,
    };

    private static string NormalizeName(string name) =>
        name.Trim().Trim('"').Replace('_', ' ').ToUpperInvariant();
}
