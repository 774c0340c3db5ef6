using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VisionZero.Client.Synth;

/// <summary>
/// Streams a synthetic NYC Open Data "Motor Vehicle Collisions - Crashes" (h9gi-nx95) export for scale tests.
/// </summary>
public static class SyntheticCrashExport
{
    public const string Header =
        "CRASH DATE,CRASH TIME,BOROUGH,ZIP CODE,LATITUDE,LONGITUDE,LOCATION,ON STREET NAME,CROSS STREET NAME," +
        "OFF STREET NAME,NUMBER OF PERSONS INJURED,NUMBER OF PERSONS KILLED,NUMBER OF PEDESTRIANS INJURED," +
        "NUMBER OF PEDESTRIANS KILLED,NUMBER OF CYCLIST INJURED,NUMBER OF CYCLIST KILLED,NUMBER OF MOTORIST INJURED," +
        "NUMBER OF MOTORIST KILLED,CONTRIBUTING FACTOR VEHICLE 1,CONTRIBUTING FACTOR VEHICLE 2," +
        "CONTRIBUTING FACTOR VEHICLE 3,CONTRIBUTING FACTOR VEHICLE 4,CONTRIBUTING FACTOR VEHICLE 5,COLLISION_ID," +
        "VEHICLE TYPE CODE 1,VEHICLE TYPE CODE 2,VEHICLE TYPE CODE 3,VEHICLE TYPE CODE 4,VEHICLE TYPE CODE 5";

    /// <summary>Real collision ids stay below this, so synthetic rows can sit next to imported ones.</summary>
    public const long FirstCollisionId = 5_000_000;

    private const double MetresPerDegreeLat = 111_320;
    private const double MetresPerDegreeLon = 84_400; // at 40.7°N; the drift across the city is well under 1%

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Rough non-overlapping boxes, kept ~100 m inside the city's bounds so jitter never leaves them; ZIPs are
    // dealt over a grid so neighbours share one.
    private static readonly (string Name, double Share, double MinLat, double MaxLat, double MinLon, double MaxLon,
        int Zip, int Zips)[] Boroughs =
    [
        ("MANHATTAN", 0.20, 40.70, 40.87, -74.02, -73.93, 10001, 40),
        ("BRONX", 0.16, 40.80, 40.899, -73.93, -73.78, 10451, 25),
        ("BROOKLYN", 0.30, 40.57, 40.70, -74.04, -73.86, 11201, 39),
        ("QUEENS", 0.28, 40.58, 40.79, -73.86, -73.701, 11354, 32),
        ("STATEN ISLAND", 0.06, 40.501, 40.64, -74.249, -74.06, 10301, 14),
    ];

    // "BOROUGH,ZIP" written verbatim; an intersection keeps an index into this.
    private static readonly string[] AreaText = Boroughs
        .SelectMany(b => Enumerable.Range(b.Zip, b.Zips).Select(z => $"{b.Name},{z}"))
        .ToArray();

    // Numbered streets per borough (same order as Boroughs): Prefix + n + Suffix for n in From..To.
    private static readonly (string Prefix, string Suffix, int From, int To)[][] Numbered =
    [
        [("EAST ", " STREET", 1, 220), ("WEST ", " STREET", 1, 220), ("", " AVENUE", 1, 12)],
        [("EAST ", " STREET", 133, 241), ("WEST ", " STREET", 161, 262)],
        [
            ("", " STREET", 1, 101), ("EAST ", " STREET", 1, 108), ("WEST ", " STREET", 1, 37),
            ("BAY ", " STREET", 7, 50), ("", " AVENUE", 2, 24)
        ],
        [
            ("", " STREET", 1, 271), ("", " AVENUE", 1, 147), ("", " ROAD", 1, 147), ("", " DRIVE", 1, 105),
            ("", " PLACE", 1, 271), ("BEACH ", " STREET", 1, 149)
        ],
        [],
    ];

    private static readonly string[] Specials = (
        "BROADWAY|GRAND CONCOURSE|BOWERY|KINGS HIGHWAY|OCEAN PARKWAY|EASTERN PARKWAY|QUEENS BOULEVARD|BELT PARKWAY|" +
        "FDR DRIVE|MAJOR DEEGAN EXPRESSWAY|BROOKLYN QUEENS EXPRESSWAY|LONG ISLAND EXPRESSWAY|CROSS BRONX EXPY|" +
        "VAN WYCK EXPWY").Split('|');

    private static readonly string[] Suffixes =
        ["AVENUE", "STREET", "BOULEVARD", "PLACE", "ROAD", "PARKWAY", "COURT", "LANE", "TERRACE", "DRIVE"];

    // Named-street stems, each crossed with every suffix (~1,300 names shared by all boroughs).
    private static readonly string[] Words = (
        "FLATBUSH|ATLANTIC|OCEAN|BEDFORD|NOSTRAND|KINGS|FULTON|MYRTLE|GATES|LINDEN|UTICA|RALPH|PITKIN|LIBERTY|" +
        "JAMAICA|HILLSIDE|NORTHERN|UNION|MAIN|ROOSEVELT|WOODHAVEN|METROPOLITAN|GRAND|CANAL|DELANCEY|HOUSTON|" +
        "LAFAYETTE|AMSTERDAM|COLUMBUS|LEXINGTON|PARK|MADISON|LENOX|CONVENT|FORDHAM|TREMONT|WEBSTER|JEROME|BRUCKNER|" +
        "PELHAM|WHITE PLAINS|BOSTON|CASTLE HILL|SOUNDVIEW|HYLAN|RICHMOND|VICTORY|FOREST|CLOVE|ARTHUR KILL|AMBOY|BAY|" +
        "SURF|NEPTUNE|MERMAID|EMMONS|KNAPP|GERRITSEN|FLATLANDS|REMSEN|ROCKAWAY|VAN SICLEN|PENNSYLVANIA|WASHINGTON|" +
        "CLINTON|FRANKLIN|CLASSON|VANDERBILT|CARLTON|DEKALB|GREENE|HALSEY|HANCOCK|MONROE|JEFFERSON|STOCKTON|FLUSHING|" +
        "WYCKOFF|KNICKERBOCKER|IRVING|CYPRESS|PARSONS|KISSENA|BELL|SPRINGFIELD|MERRICK|FARMERS|SUTPHIN|LEFFERTS|" +
        "HOLLIS|FRANCIS LEWIS|UTOPIA|JUNCTION|ASTORIA|DITMARS|STEINWAY|VERNON|JACKSON|BORDEN|GREENPOINT|NASSAU|BERRY|" +
        "WYTHE|KENT|DRIGGS|LORIMER|GRAHAM|MORGAN|EVERGREEN|CENTRAL|BUSHWICK|COLUMBIA|HICKS|HENRY|COURT|SMITH|HOYT|" +
        "BOND|NEVINS|ST MARKS|PROSPECT|EASTERN|CHURCH|CORTELYOU|DITMAS|FOSTER|GLENWOOD").Split('|');

    private static readonly (string Name, double Weight)[] Factors =
    [
        ("Unspecified", 30), ("Driver Inattention/Distraction", 25), ("Failure to Yield Right-of-Way", 7),
        ("Following Too Closely", 6), ("Backing Unsafely", 4), ("Passing or Lane Usage Improper", 3),
        ("Passing Too Closely", 3), ("Other Vehicular", 3), ("Unsafe Lane Changing", 2), ("Turning Improperly", 2),
        ("Driver Inexperience", 2), ("Traffic Control Disregarded", 2), ("Unsafe Speed", 2), ("Alcohol Involvement", 1),
        ("Reaction to Uninvolved Vehicle", 1), ("View Obstructed/Limited", 1), ("Pavement Slippery", 1),
        ("Pedestrian/Bicyclist/Other Pedestrian Error/Confusion", 1), ("Aggressive Driving/Road Rage", 0.5),
        ("Fatigued/Drowsy", 0.5), ("Oversized Vehicle", 0.5), ("Brakes Defective", 0.3), ("Steering Failure", 0.2),
    ];

    private static readonly (string Name, double Weight)[] VehicleTypes =
    [
        ("Sedan", 45), ("Station Wagon/Sport Utility Vehicle", 33), ("Taxi", 4), ("PASSENGER VEHICLE", 3),
        ("Pick-up Truck", 2.5),
        ("SPORT UTILITY / STATION WAGON", 2), ("Box Truck", 2), ("Bike", 2), ("Bus", 1.5), ("E-Bike", 1), ("Van", 1),
        ("Motorcycle", 0.8), ("Tractor Truck Diesel", 0.8), ("E-Scooter", 0.5), ("Dump", 0.3), ("Ambulance", 0.2),
    ];

    // Relative crashes per hour 0..23: night trough, rush-hour peaks, a midnight bump from unknown times.
    private static readonly double[] HourWeights =
        [30, 18, 14, 12, 13, 17, 25, 35, 55, 50, 48, 50, 55, 57, 65, 66, 72, 70, 62, 50, 43, 38, 34, 30];
    private static readonly double[] WeekdayWeights = [0.82, 1.0, 1.02, 1.02, 1.04, 1.10, 0.95]; // Sunday first
    private static readonly double[] VehicleCountWeights = [22, 63, 10, 4, 1]; // 1..5 vehicles

    private readonly record struct Intersection(int StreetA, int StreetB, int Area, double Lat, double Lon);

    /// <summary>Writes header and rows as uncompressed CSV text; the caller owns compression and disposal.</summary>
    public static SynthSummary Write(SynthOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        var rng = new SynthRandom(options.Seed);
        var (names, pools) = BuildStreets(rng);
        var intersections = BuildIntersections(options.Intersections, rng, names.Length, pools);
        // Lognormal weights give the heavy tail: a few intersections collect a large share of the crashes.
        var pickIntersection =
            new AliasTable(intersections.Select(_ => Math.Exp(1.2 * rng.NextGaussian())).ToArray());
        var firstDay = options.EndDate.AddYears(-options.Years).AddDays(1);
        var days = Enumerable.Range(0, options.EndDate.DayNumber - firstDay.DayNumber + 1)
            .Select(firstDay.AddDays)
            .ToArray();
        var dayText = days.Select(d => d.ToString("MM/dd/yyyy", Invariant)).ToArray();
        var pickDay = new AliasTable(days.Select(d =>
                (1 + 0.08 * Math.Cos(2 * Math.PI * (d.DayOfYear - 170) / 365.25)) * WeekdayWeights[(int)d.DayOfWeek])
            .ToArray());
        var timeText = Enumerable.Range(0, 24 * 60)
            .Select(t => string.Create(Invariant, $"{t / 60}:{t % 60:00}"))
            .ToArray();
        var (pickHour, pickVehicleCount) = (new AliasTable(HourWeights), new AliasTable(VehicleCountWeights));
        var pickFactor = new AliasTable(Factors.Select(f => f.Weight).ToArray());
        var pickVehicle = new AliasTable(VehicleTypes.Select(v => v.Weight).ToArray());
        var used = new bool[intersections.Length];
        var (minDay, maxDay) = (int.MaxValue, int.MinValue);
        var casualties = new int[6]; // pedestrians, cyclists, motorists; injured then killed, in column order
        var row = new CsvRow(output);
        output.Write(Header + "\n");
        for (var r = 0; r < options.Crashes; r++)
        {
            var index = pickIntersection.Sample(rng);
            var x = intersections[index];
            used[index] = true;
            var day = pickDay.Sample(rng);
            (minDay, maxDay) = (Math.Min(minDay, day), Math.Max(maxDay, day));
            var minute = rng.Chance(0.35) ? 5 * rng.NextInt(12) : rng.NextInt(60); // reporters round to 5 minutes
            output.Write(dayText[day]);
            row.Field(timeText[pickHour.Sample(rng) * 60 + minute]);
            output.Write(',');
            output.Write(rng.Chance(0.8) ? AreaText[x.Area] : ","); // pre-joined, never needs quoting; blank together

            // 80% both streets with coordinates, 15% coordinates without a cross street,
            // 5% both streets but no coordinates.
            var kind = rng.NextDouble();
            // sd 8 m clamped at 2.5 sd keeps every point within ~28 m of its intersection.
            var lat = x.Lat + Math.Clamp(8 * rng.NextGaussian(), -20, 20) / MetresPerDegreeLat;
            var lon = x.Lon + Math.Clamp(8 * rng.NextGaussian(), -20, 20) / MetresPerDegreeLon;
            row.Coordinates(lat, lon, present: kind < 0.95);

            var swap = rng.Chance(0.5);
            var first = names[swap ? x.StreetB : x.StreetA];
            var on = rng.Chance(0.3) ? first.PadRight(32) : first; // the real export often right-pads ON STREET NAME
            var (onField, crossField, offField) = kind switch
            {
                < 0.80 or >= 0.95 => (on, names[swap ? x.StreetA : x.StreetB], ""),
                < 0.875 => (on, "", ""),
                _ => ("", "", (1 + rng.NextInt(2999)).ToString(Invariant).PadRight(8) + first),
            };
            row.Field(onField);
            row.Field(crossField);
            row.Field(offField);

            // Every casualty belongs to exactly one road-user group, so the persons totals equal the parts.
            Array.Clear(casualties);
            AddCasualties(rng, casualties, rng.NextPoisson(0.3), 0, 0.16, 0.24);
            AddCasualties(rng, casualties, rng.Chance(0.001) ? (rng.Chance(0.1) ? 2 : 1) : 0, 1, 0.5, 0.6);
            row.Number(casualties[0] + casualties[2] + casualties[4]);
            row.Number(casualties[1] + casualties[3] + casualties[5]);
            foreach (var count in casualties)
            {
                row.Number(count);
            }

            var vehicles = pickVehicleCount.Sample(rng) + 1;
            for (var v = 0; v < 5; v++)
            {
                // Later vehicles are mostly "Unspecified", as in the real data.
                row.Field(v >= vehicles
                    ? ""
                    : v > 0 && rng.Chance(0.8) ? "Unspecified" : Factors[pickFactor.Sample(rng)].Name);
            }

            row.Number(FirstCollisionId + r);
            var cyclistHurt = casualties[2] + casualties[3] > 0;
            for (var v = 0; v < 5; v++)
            {
                row.Field(v >= vehicles
                    ? ""
                    : v == 1 && cyclistHurt ? "Bike" : VehicleTypes[pickVehicle.Sample(rng)].Name);
            }

            output.Write('\n');
        }

        return new SynthSummary(options.Crashes, used.Count(u => u), days[minDay], days[maxDay]);
    }

    /// <summary>Writes to <paramref name="path"/>, gzip-compressed (fastest level) when it ends with ".gz".</summary>
    public static SynthSummary WriteFile(SynthOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options.Validate(); // before truncating an existing file
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Fastest)
            : (Stream)file;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        return Write(options, writer);
    }

    // Injured go to even slots, killed to odd ones; u splits pedestrian / cyclist / motorist.
    private static void AddCasualties(
        SynthRandom rng, int[] casualties, int count, int slot, double pedestrian, double cyclist)
    {
        for (; count > 0; count--)
        {
            var u = rng.NextDouble();
            casualties[2 * (u < pedestrian ? 0 : u < cyclist ? 1 : 2) + slot]++;
        }
    }

    // Street names get global ids so a name pair is one intersection whichever borough drew it.
    private static (string[] Names, int[][] Pools) BuildStreets(SynthRandom rng)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string name) => ids.TryGetValue(name, out var id) ? id : ids[name] = ids.Count;
        var named = Specials.Concat(Suffixes.SelectMany(s => Words.Select(w => $"{w} {s}")))
            .Select(Id)
            .Distinct()
            .ToArray();
        var pools = new int[Boroughs.Length][];
        for (var b = 0; b < pools.Length; b++)
        {
            var numbered = Numbered[b].SelectMany(t =>
                Enumerable.Range(t.From, t.To - t.From + 1).Select(n => $"{t.Prefix}{n}{t.Suffix}"));
            IEnumerable<string> lettered = Boroughs[b].Name == "BROOKLYN"
                ? "ABCDFHIJKLMNOPRSTUVXYZ".Select(c => $"AVENUE {c}")
                : [];
            var pool = numbered.Concat(lettered).Select(Id).Concat(named).ToArray();
            for (var i = pool.Length - 1; i > 0; i--) // Fisher-Yates, so each borough gets its own arterials
            {
                var j = rng.NextInt(i + 1);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            pools[b] = pool;
        }

        return (ids.OrderBy(p => p.Value).Select(p => p.Key).ToArray(), pools);
    }

    private static Intersection[] BuildIntersections(int count, SynthRandom rng, int nameCount, int[][] pools)
    {
        var pickBorough = new AliasTable(Boroughs.Select(b => b.Share).ToArray());
        var areaOffsets = Boroughs.Select((_, b) => Boroughs.Take(b).Sum(x => x.Zips)).ToArray();
        var seen = new HashSet<long>(count);
        var result = new Intersection[count];
        for (var i = 0; i < count;)
        {
            var b = pickBorough.Sample(rng);
            var (pool, u) = (pools[b], rng.NextDouble());
            // Squaring skews the first street to the front of the pool: a few arterials cross many streets.
            var (s1, s2) = (pool[(int)(u * u * pool.Length)], pool[rng.NextInt(pool.Length)]);
            if (s1 == s2 || !seen.Add((long)Math.Min(s1, s2) * nameCount + Math.Max(s1, s2)))
            {
                continue;
            }

            var box = Boroughs[b];
            var (fy, fx, side) = (rng.NextDouble(), rng.NextDouble(), (int)Math.Ceiling(Math.Sqrt(box.Zips)));
            var zip = Math.Min(box.Zips - 1, (int)(fy * side) * side + (int)(fx * side));
            result[i++] = new Intersection(s1, s2, areaOffsets[b] + zip,
                box.MinLat + fy * (box.MaxLat - box.MinLat), box.MinLon + fx * (box.MaxLon - box.MinLon));
        }

        return result;
    }
}
