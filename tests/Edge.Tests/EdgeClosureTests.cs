using System.Text.Json;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The edge carries the grains' scoring and nothing of the silo: the assemblies its build resolves (what
/// publish copies, from vz-edge.deps.json) hold no Orleans runtime, silo, grains, ASP.NET Core or training.
/// </summary>
[Trait("Category", "Fast")]
public sealed class EdgeClosureTests
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

    [Fact]
    public void Edge_closure_holds_the_shared_scoring_and_nothing_of_the_silo()
    {
        var assemblies = RuntimeAssemblies();
        Assert.Contains("VisionZero.Scoring.dll", assemblies);
        Assert.Contains("VisionZero.Grains.Interfaces.dll", assemblies);
        Assert.Contains("Microsoft.ML.FastTree.dll", assemblies);
        Assert.Contains("Orleans.Core.dll", assemblies);
        var carried = assemblies
            .Where(a => a != OrleansTransport && Forbidden.Any(f => a.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        Assert.True(carried.Count == 0, "the edge carries " + string.Join(", ", carried));
    }

    /// <summary>The file names of every runtime assembly vz-edge.deps.json lists.</summary>
    private static HashSet<string> RuntimeAssemblies()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, "vz-edge.deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
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
