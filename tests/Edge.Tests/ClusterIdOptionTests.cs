using VisionZero.Edge.Commands;

namespace VisionZero.Edge.Tests;

/// <summary>--cluster-id: the silos' id is taken as given; anything that cannot be one is refused by name.</summary>
public sealed class ClusterIdOptionTests
{
    [Theory]
    [InlineData("vz")]
    [InlineData("city-grid_2.east")]
    public void A_cluster_id_is_taken_as_given(string id) =>
        Assert.Equal(id, Settings("--cluster-id", id).ClusterId);

    [Fact]
    public void Without_the_option_the_silos_default_is_used() =>
        Assert.Equal("vz", Settings().ClusterId);

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("vz\n")]
    [InlineData("'; DROP TABLE vz_edge_log; --")]
    public void A_cluster_id_that_cannot_be_one_is_refused_naming_the_option(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => Settings("--cluster-id", id));
        Assert.StartsWith("--cluster-id must be 1 to 64 ASCII letters", error.Message);
    }

    [Fact]
    public void A_huge_cluster_id_is_refused() =>
        Assert.Throws<ArgumentException>(() => Settings("--cluster-id", new string('a', 65)));

    private static EdgeSettings Settings(params string[] args) =>
        EdgeOptions.Settings(EdgeCommandLine.Create().Parse(["--offline", .. args]));
}
