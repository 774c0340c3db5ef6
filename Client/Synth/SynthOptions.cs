namespace VisionZero.Client.Synth;

/// <summary>Shape of a synthetic crash export; <paramref name="EndDate"/> is the last day covered.</summary>
public sealed record SynthOptions(int Crashes, int Intersections, int Years, int Seed, DateOnly EndDate)
{
    public const int MaxCrashes = 50_000_000;
    public const int MaxIntersections = 1_000_000;
    public const int MaxYears = 30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Check(nameof(Crashes), Crashes, MaxCrashes);
        Check(nameof(Intersections), Intersections, MaxIntersections);
        Check(nameof(Years), Years, MaxYears);
        if (EndDate.Year <= Years)
        {
            // DateOnly.AddYears would otherwise throw deep inside generation.
            throw new ArgumentOutOfRangeException(
                nameof(EndDate), EndDate, "EndDate must be more than Years after year 1.");
        }
    }

    private static void Check(string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 1 and {max}.");
        }
    }
}
