namespace VisionZero.Edge.Evaluation;

/// <summary>
/// Why vz-edge eval cannot evaluate, in words naming what is wrong, with the exit code to leave with:
/// <see cref="BadInput"/> for an option the person gave, <see cref="NothingToEvaluate"/> for a copy that lacks
/// what an evaluation needs (a model, an as-of day, corners).
/// </summary>
public sealed class EvaluationRefusedException(string message, int exitCode) : Exception(message)
{
    public const int NothingToEvaluate = 1;

    public const int BadInput = 2;

    public int ExitCode { get; } = exitCode;
}
