namespace VisionZero.TestSupport;

/// <summary>
/// Finds the repository and the shared data beside it (tests may read ../shared; the product may not).
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Crashes(string file) => Path.Combine(RepositoryRoot, "..", "shared", "data", "crashes", file);

    public static string Fixture(string file) => Path.Combine(RepositoryRoot, "..", "shared", "data", "fixtures", file);

    public const string Primary = "brooklyn_zip11234_2012-07_to_2021-11.csv";
    public const string Manhattan = "manhattan_2022-01_to_2023-07.csv";
    public const string Legacy2013 = "citywide_2013-01_legacy_schema.csv";
    public const string LegacyCr = "brooklyn_zip11201_2012-07_to_2014-05_legacy_CR.csv";
    public const string Pandas2025 = "citywide_2025-01_to_2025-04_pandas_export.csv";
    public const string SodaCsv = "soda_h9gi-nx95_records_1000_as_csv.csv";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
