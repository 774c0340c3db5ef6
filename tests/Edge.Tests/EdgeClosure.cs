using System.Text.Json;

namespace VisionZero.Edge.Tests;

/// <summary>
/// What the edge may not carry: the silo, its grains, the Orleans runtime, Hangfire, ASP.NET Core, training.
/// Shared by the x64 build (<see cref="EdgeClosureTests"/>) and the linux-arm64 publish (Arm64PublishTests).
/// </summary>
internal static class EdgeClosure
{
    // Microsoft.AspNetCore.Connections.Abstractions is Orleans' own transport contract, which every Orleans
    // client carries; the web framework itself (Microsoft.AspNetCore.dll and the rest) must not come.
    private const string OrleansTransport = "Microsoft.AspNetCore.Connections.Abstractions.dll";

    private static readonly string[] Forbidden =
    [
        "VisionZero.Grains.dll", "VisionZero.Silo.dll", "Orleans.Runtime.dll", "Orleans.Server.dll",
        "Hangfire.", "Microsoft.AspNetCore.", "Orleans.Persistence.", "Orleans.Reminders.",
        "Microsoft.ML.AutoML.dll", "OrleansDashboard",
    ];

    /// <summary>The file names among <paramref name="assemblies"/> the edge may not carry.</summary>
    public static List<string> Carried(IEnumerable<string> assemblies) => assemblies
        .Where(a => a != OrleansTransport && Forbidden.Any(f => a.StartsWith(f, StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The file names of every runtime assembly a deps.json lists (what publish copies).</summary>
    public static HashSet<string> RuntimeAssemblies(string depsJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(depsJson));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in json.RootElement.GetProperty("targets").EnumerateObject())
        foreach (var library in target.Value.EnumerateObject())
        {
            if (library.Value.TryGetProperty("runtime", out var runtime))
                foreach (var file in runtime.EnumerateObject())
                    names.Add(Path.GetFileName(file.Name));
        }
        return names;
    }
}
