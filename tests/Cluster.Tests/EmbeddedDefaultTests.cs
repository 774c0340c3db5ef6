using System.Text.Json;

namespace VisionZero.Cluster.Tests;

/// <summary>The README's run command: no PostgreSQL, the bundled sample, and vz answering against it.</summary>
[Collection(ProcessCollection.Name)]
public class EmbeddedDefaultTests
{
    [Fact]
    public async Task The_embedded_silo_loads_the_bundled_sample_and_says_it_persists_nothing()
    {
        await using var silo = await SiloProcess.StartAsync(31120, 31010, postgres: null, readyText: "Grid ready");
        Assert.Contains("EMBEDDED", silo.Log);
        var (code, output, error) = await Vz.RunAsync("top", "--k", "5", "--json", "--gateway", "127.0.0.1:31010");
        Assert.True(code == 0, error);
        var top = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, top.GetArrayLength());
        Assert.Equal("avenue-u--flatbush-avenue", top[0].GetProperty("id").GetString());
        Assert.Equal("2021-11-12", top[0].GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Vz_says_clearly_when_no_cluster_answers()
    {
        var (code, _, error) = await Vz.RunAsync("top", "--gateway", "127.0.0.1:31999");
        Assert.Equal(3, code);
        Assert.Contains("no Vision Zero Grid cluster answered at gateway 127.0.0.1:31999", error);
    }

    [Theory]
    [InlineData(new[] { "near", "10", "10" }, "outside New York City")]
    [InlineData(new[] { "near", "north", "-73.9" }, "LAT must be a number")]
    [InlineData(new[] { "near", "40.6", "-73.9", "--radius-m", "5000" }, "--radius-m must be between")]
    [InlineData(new[] { "top", "--k", "0" }, "--k must be at least 1")]
    [InlineData(new[] { "intersection", "FLATBUSH AVENUE", "--as-of", "2020-13-01" }, "is not an intersection")]
    [InlineData(new[] { "intersection", "A ST & B ST", "--as-of", "2020-13-01" }, "--as-of must be a date")]
    [InlineData(new[] { "ingest", "/no/such/file.csv" }, "no such file")]
    public async Task Bad_arguments_are_refused_before_any_cluster_is_contacted(string[] args, string message)
    {
        var (code, _, error) = await Vz.RunAsync([.. args, "--gateway", "127.0.0.1:31999"]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Synth_writes_a_reproducible_export_the_reader_accepts()
    {
        var dir = Directory.CreateTempSubdirectory("vz-synth").FullName;
        var a = Path.Combine(dir, "a.csv.gz");
        var b = Path.Combine(dir, "b.csv.gz");
        Assert.Equal(0, (await Vz.RunAsync(
            "synth", "--crashes", "5000", "--intersections", "300", "--years", "3", "--seed", "9",
            "--out", a)).ExitCode);
        Assert.Equal(0, (await Vz.RunAsync(
            "synth", "--crashes", "5000", "--intersections", "300", "--years", "3", "--seed", "9",
            "--out", b)).ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(a), await File.ReadAllBytesAsync(b));
        using var source = await VisionZero.CrashData.CrashFileReader.OpenAsync(
            File.OpenRead(a), new DateOnly(2026, 11, 26));
        var rows = 0;
        var rejected = 0;
        await foreach (var row in source.ReadAsync())
        {
            rows++;
            rejected += row.Rejected is null ? 0 : 1;
        }
        Assert.Equal(5_000, rows);
        Assert.Equal(0, rejected);
        var bad = await Vz.RunAsync("synth", "--crashes", "0", "--out", Path.Combine(dir, "c.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Crashes", bad.Err);
        Directory.Delete(dir, recursive: true);
    }
}
