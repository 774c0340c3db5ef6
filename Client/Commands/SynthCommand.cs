using System.CommandLine;
using VisionZero.Client.Synth;

namespace VisionZero.Client.Commands;

/// <summary>vz synth : a synthetic NYC-schema export for scale tests (no cluster needed).</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var crashes = new Option<int>("--crashes")
        {
            Description = "Rows to write",
            DefaultValueFactory = _ => 2_200_000,
        };
        var intersections = new Option<int>("--intersections")
        {
            Description = "Distinct intersections",
            DefaultValueFactory = _ => 150_000,
        };
        var years = new Option<int>("--years") { Description = "Years of history", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed (same seed, same file)",
            DefaultValueFactory = _ => 1,
        };
        var end = new Option<string?>("--end") { Description = "Last day covered, YYYY-MM-DD (default 2025-12-31)" };
        var output = new Option<string>("--out") { Description = "Output file (.csv or .csv.gz)", Required = true };
        var command = new Command("synth", "Write a synthetic NYC-schema crash export")
        {
            crashes,
            intersections,
            years,
            seed,
            end,
            output,
        };
        command.SetAction(result =>
        {
            var endDate = CommonOptions.ParseAsOf(result.GetValue(end)) ?? new DateOnly(2025, 12, 31);
            var options = new SynthOptions(result.GetValue(crashes), result.GetValue(intersections),
                result.GetValue(years), result.GetValue(seed), endDate);
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UserInputException(e.Message);
            }
            var summary = SyntheticCrashExport.WriteFile(options, result.GetValue(output)!);
            Console.WriteLine($"Wrote {summary.Rows:N0} crashes at {summary.Intersections:N0} intersections, " +
                              $"{summary.FirstDate:yyyy-MM-dd}..{summary.LastDate:yyyy-MM-dd}, " +
                              $"to {result.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
