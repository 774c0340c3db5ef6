using System.Diagnostics;

namespace VisionZero.TestSupport;

/// <summary>Where the built silo, vz and vz-edge are (same configuration as this test assembly).</summary>
public static class Built
{
    private static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";

    public static string Silo =>
        Path.Combine(SharedData.RepositoryRoot, "Silo", "bin", Configuration, "net10.0", "VisionZero.Silo.dll");

    public static string Vz =>
        Path.Combine(SharedData.RepositoryRoot, "Client", "bin", Configuration, "net10.0", "vz.dll");

    public static string Edge =>
        Path.Combine(SharedData.RepositoryRoot, "Edge", "bin", Configuration, "net10.0", "vz-edge.dll");

    public static readonly string DataDirectory = Directory.CreateTempSubdirectory("vz-test-data").FullName;

    public static ProcessStartInfo Dotnet(string dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Each test says which cluster it talks to; an inherited VZ_POSTGRES must not decide it.
        info.Environment.Remove("VZ_POSTGRES");
        info.Environment.Remove("VZ_ADMIN_KEY");
        // A generated admin key goes to a throwaway folder, never the developer's own.
        info.Environment["VZ_DATA_DIR"] = DataDirectory;
        info.Environment["DOTNET_gcServer"] = "0";
        return info;
    }
}
