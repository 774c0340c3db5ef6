using VisionZero.TestSupport;

namespace VisionZero.Benchmarks.Tests;

[Trait("Category", "Fast")]
public sealed class ModelBenchmarkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-model-bench-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_too_short_for_one_snapshot_is_refused_by_name()
    {
        var file = Path.Combine(_folder, "short.csv");
        File.WriteAllLines(file, File.ReadLines(SharedData.Crashes(SharedData.Primary)).Take(300));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ModelBenchmark.RunAsync(file, []));
        Assert.Contains($"{file}: too short", error.Message);
    }

    [Fact]
    public async Task A_file_with_only_a_header_is_refused_saying_none_was_accepted()
    {
        var file = Path.Combine(_folder, "header.csv");
        File.WriteAllLines(file, File.ReadLines(SharedData.Crashes(SharedData.Primary)).Take(1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ModelBenchmark.RunAsync(file, []));
        Assert.Contains($"{file}: no crash in it was accepted (0 rows read)", error.Message);
    }

    [Theory]
    [InlineData("--bootstrap", "100001")]
    [InlineData("--bootstrap", "ten")]
    [InlineData("--cutoffs", "0")]
    public async Task An_option_out_of_range_is_refused_naming_it(string option, string value)
    {
        // A file that does not exist: the option is refused before any file is read.
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ModelBenchmark.RunAsync(Path.Combine(_folder, "never-read.csv"), [option, value]));
        Assert.Contains($"{option} takes a whole number", error.Message);
        Assert.Contains($"not '{value}'", error.Message);
    }
}
