using VisionZero.TestSupport;

namespace VisionZero.Benchmarks.Tests;

[Trait("Category", "Fast")]
public sealed class TransferBenchmarkTests : IDisposable
{
    private const string UnseenZip = "brooklyn_zip11201_2012-07_to_2014-05_legacy_CR.csv";
    private readonly string _folder = Directory.CreateTempSubdirectory("vz-transfer-").FullName;

    private static string Primary => SharedData.Crashes(SharedData.Primary);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task An_unseen_file_is_judged_with_every_baseline_and_the_model_at_that_grids_own_level()
    {
        var run = await TransferBenchmark.EvaluateAsync(Primary, SharedData.Crashes(UnseenZip));

        Assert.Equal(new DateOnly(2021, 11, 12), run.TrainedUntil);
        Assert.Equal(
            Enumerable.Range(0, 11).Select(m => new DateOnly(2013, 1, 1).AddMonths(m)),
            run.Days.Select(d => d.Cutoff));
        foreach (var day in run.Days)
        {
            Assert.Equal(
                ["model", "last-6m", "last-1y", "last-5y", "forest", "forest-levelled", "windows-model"],
                day.Scorers.Select(s => s.Name));
            var recent = day.Scorers.Single(s => s.Name == "last-6m").Predicted.Sum();
            foreach (var levelled in day.Scorers.Where(s => s.Name is "model" or "forest-levelled" or "windows-model"))
                Assert.Equal(recent, levelled.Predicted.Sum(), 6);
            Assert.All(day.Scorers, s => Assert.Equal(day.Actual.Length, s.Predicted.Length));
            Assert.Equal(day.Intersections.Length, day.Intersections.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_missing_file_is_refused_by_name()
    {
        var missing = Path.Combine(_folder, "no'; DROP TABLE vz_crash; --.csv");
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => TransferBenchmark.EvaluateAsync(Primary, missing));
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("", "the first line is not a CSV header")]
    [InlineData("a,b,c\n1,2,3\n", "missing column(s) CRASH DATE")]
    public async Task A_file_that_is_not_a_crash_export_is_refused_by_name(string text, string reason)
    {
        var file = Write("not-crashes.csv", text);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TransferBenchmark.EvaluateAsync(Primary, file));
        Assert.Contains(file, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_file_whose_rows_are_all_malformed_is_refused_as_damaged_naming_it()
    {
        var header = File.ReadLines(Primary).First();
        var file = Write("malformed.csv", $"{header}\nnot-a-date,\"unterminated\n13/45/2020,xx,yy\n");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TransferBenchmark.EvaluateAsync(Primary, file));
        Assert.Contains($"{file}: not a crash export, or a damaged one", error.Message);
    }

    [Fact]
    public async Task A_file_whose_rows_are_all_rejected_is_refused_saying_none_was_accepted()
    {
        var lines = File.ReadLines(Primary).Take(3).ToList();
        var undated = lines.Skip(1).Select(line => "13/45/2020" + line[line.IndexOf(',')..]);
        var file = Write("rejected.csv", string.Join('\n', lines.Take(1).Concat(undated)) + "\n");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TransferBenchmark.EvaluateAsync(Primary, file));
        Assert.Contains($"{file}: no crash in it was accepted", error.Message);
    }

    [Fact]
    public async Task Files_too_short_to_train_on_or_to_judge_are_refused_saying_which()
    {
        var shortFile = Write("short.csv", string.Join('\n', File.ReadLines(Primary).Take(300)) + "\n");

        var asTest = await Assert.ThrowsAsync<ArgumentException>(
            () => TransferBenchmark.EvaluateAsync(Primary, shortFile));
        Assert.Contains($"{shortFile}: too short for a day", asTest.Message);
        var asTraining = await Assert.ThrowsAsync<ArgumentException>(
            () => TransferBenchmark.EvaluateAsync(shortFile, Primary));
        Assert.Contains($"{shortFile}: too short to train on", asTraining.Message);
    }

    [Theory]
    [InlineData(new[] { "only-one.csv" }, "unexpected arguments")]
    [InlineData(new[] { "a.csv", "b.csv", "--cutoffs", "3" }, "unexpected arguments")]
    [InlineData(
        new[] { "a.csv", "b.csv", "--bootstrap", "-1" },
        "--bootstrap takes a whole number from 0 to 100000, not '-1'")]
    [InlineData(new[] { "a.csv", "b.csv", "--bootstrap", "1e9" }, "not '1e9'")]
    [InlineData(new[] { "a.csv", "b.csv", "--bootstrap", "99999999999" }, "not '99999999999'")]
    public async Task Bad_arguments_are_refused_before_any_file_is_read(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TransferBenchmark.RunAsync(args));
        Assert.Contains(message, error.Message);
    }
}
