using VisionZero.Risk;

namespace VisionZero.Models;

/// <summary>Precision, recall and F1 of one risk class; Support = corners truly in that class.</summary>
[GenerateSerializer, Immutable, Alias("vz.ClassScore")]
public sealed record ClassScore(
    [property: Id(0)] RiskClass Class,
    [property: Id(1)] double Precision,
    [property: Id(2)] double Recall,
    [property: Id(3)] double F1,
    [property: Id(4)] int Support);
