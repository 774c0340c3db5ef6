namespace VisionZero.Edge.Tests;

/// <summary>
/// The edge carries the grains' scoring and nothing of the silo: the assemblies its build resolves (what
/// publish copies, from vz-edge.deps.json) hold no Orleans runtime, silo, grains, ASP.NET Core or training.
/// </summary>
[Trait("Category", "Fast")]
public sealed class EdgeClosureTests
{
    [Fact]
    public void Edge_closure_holds_the_shared_scoring_and_nothing_of_the_silo()
    {
        var assemblies = EdgeClosure.RuntimeAssemblies(Path.Combine(AppContext.BaseDirectory, "vz-edge.deps.json"));
        Assert.Contains("VisionZero.Scoring.dll", assemblies);
        Assert.Contains("VisionZero.Grains.Interfaces.dll", assemblies);
        Assert.Contains("Microsoft.ML.FastTree.dll", assemblies);
        Assert.Contains("Orleans.Core.dll", assemblies);
        var carried = EdgeClosure.Carried(assemblies);
        Assert.True(carried.Count == 0, "the edge carries " + string.Join(", ", carried));
    }
}
