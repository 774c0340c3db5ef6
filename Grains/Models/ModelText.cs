using System.Collections.Immutable;
using VisionZero.Grains.Storage;
using VisionZero.Models;

namespace VisionZero.Grains.Models;

/// <summary>
/// The registry's words, shared so both stores write identical history lines and errors. Who changed
/// a version and why arrive as a person typed them: cut to what a history line can show, made storable.
/// </summary>
public static class ModelText
{
    public const int MaxLength = 500;

    /// <summary>A rollout verdict's reasons list every measure that failed: room for all of them.</summary>
    public const int MaxVerdictLength = 4000;

    public static string Clean(string? text, int maxLength = MaxLength)
    {
        text ??= "";
        if (text.Length > maxLength)
        {
            // Never end on half a surrogate pair (it would become U+FFFD).
            var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
            text = text[..cut];
        }
        return StorageText.Safe(text)!;
    }

    /// <summary>The reason on the history line of a production version archived by a promotion.</summary>
    public static string ReplacedBy(int version, string? why) => Clean($"replaced by version {version}: {why}");

    public static string UnknownVersion(int version) => $"model version {version} is not registered";

    /// <summary>
    /// An edge's report as both stores keep it: checked to name its device and carry its figures, and its texts
    /// (device id, area) made storable like a history line.
    /// </summary>
    public static EdgeEvaluation Storable(EdgeEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (string.IsNullOrWhiteSpace(evaluation.DeviceId))
            throw new ArgumentException("an edge evaluation must name its device", nameof(evaluation));
        if (evaluation.Metrics is null || evaluation.Performance is null)
            throw new ArgumentException(
                $"the edge evaluation from {evaluation.DeviceId} carries no metrics or no performance",
                nameof(evaluation));
        return evaluation with { DeviceId = Clean(evaluation.DeviceId), Area = Clean(evaluation.Area) };
    }

    public static RolloutStep Storable(RolloutStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (string.IsNullOrWhiteSpace(step.Step) || string.IsNullOrWhiteSpace(step.Verdict))
            throw new ArgumentException("a rollout step must name its step and its verdict", nameof(step));
        return step with
        {
            Step = Clean(step.Step),
            Verdict = Clean(step.Verdict),
            Why = Clean(step.Why, MaxVerdictLength),
            By = Clean(step.By),
            // UTC to the microsecond, as PostgreSQL keeps an instant: both stores hand back the same.
            At = new DateTimeOffset(step.At.UtcTicks - step.At.UtcTicks % 10, TimeSpan.Zero),
            Settings = (step.Settings ?? ImmutableDictionary<string, string>.Empty)
                .ToImmutableDictionary(s => Clean(s.Key), s => Clean(s.Value)),
            Figures = step.Figures.IsDefault ? [] : step.Figures,
            Measures = step.Measures.IsDefault ? [] : step.Measures,
        };
    }
}
