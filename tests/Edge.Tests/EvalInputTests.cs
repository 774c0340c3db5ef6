using System.CommandLine;
using VisionZero.Edge.Commands;
using VisionZero.Edge.Evaluation;

namespace VisionZero.Edge.Tests;

/// <summary>
/// vz-edge eval refuses what it cannot evaluate with one line naming what is wrong and an exit code: a --cutoff
/// that is not a date (2), a cutoff whose 182 days after are not all known to the edge (2), an edge with no model
/// (1); and it says nothing on standard output then.
/// </summary>
[Trait("Category", "Fast")]
public sealed class EvalInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-edge-eval-").FullName;

    [Theory]
    [InlineData("2021-02-30")]
    [InlineData("yesterday")]
    [InlineData("2021-5-1")]
    [InlineData("")]
    public async Task A_cutoff_that_is_not_a_date_is_bad_input_naming_the_option_and_the_text(string cutoff)
    {
        var (exit, output, error) = await EvalAsync("--cutoff", cutoff);
        Assert.Equal(2, exit);
        Assert.Equal($"vz-edge eval: --cutoff must be a date YYYY-MM-DD, not '{cutoff}'", error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public async Task An_edge_with_no_model_says_so_and_how_it_gets_one()
    {
        var (exit, output, error) = await EvalAsync("--cutoff", "2021-01-01");
        Assert.Equal(1, exit);
        Assert.Contains("the edge holds no model version to evaluate", error);
        Assert.Contains("without --offline", error);
        Assert.Empty(output);
    }

    [Fact]
    public void The_default_cutoff_is_the_latest_day_whose_182_days_after_the_edge_knows()
    {
        var asOf = new DateOnly(2021, 11, 12);
        Assert.Equal(new DateOnly(2021, 5, 14), EvaluationCutoff.Resolve(null, asOf));
        Assert.Equal(new DateOnly(2021, 5, 14), EvaluationCutoff.Resolve(new DateOnly(2021, 5, 14), asOf));
        Assert.Equal(new DateOnly(2019, 1, 1), EvaluationCutoff.Resolve(new DateOnly(2019, 1, 1), asOf));
    }

    [Fact]
    public void A_cutoff_with_no_known_future_is_bad_input_naming_the_days()
    {
        var refused = Assert.Throws<EvaluationRefusedException>(
            () => EvaluationCutoff.Resolve(new DateOnly(2021, 5, 15), new DateOnly(2021, 11, 12)));
        Assert.Equal(EvaluationRefusedException.BadInput, refused.ExitCode);
        Assert.Equal(
            "--cutoff 2021-05-15 has no known future: the 182 days after it end 2021-11-13, after the edge's " +
            "as-of day 2021-11-12; pick a cutoff on or before 2021-05-14",
            refused.Message);
    }

    /// <summary>vz-edge as Program builds it, run in this process with its output and errors captured.</summary>
    private async Task<(int Exit, string Output, string Error)> EvalAsync(params string[] args)
    {
        var root = new RootCommand("vz-edge");
        foreach (var option in EdgeOptions.All)
            root.Options.Add(option);
        root.Subcommands.Add(EvalCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(["eval", "--offline", "--data", _folder, .. args])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
