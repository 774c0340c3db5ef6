using System.Collections.Immutable;

namespace VisionZero.Risk.Tests;

/// <summary>Element-wise equality: xUnit compares ImmutableArray by reference otherwise.</summary>
public sealed class ImmutableArrayComparer : IEqualityComparer<ImmutableArray<string>>
{
    public static readonly ImmutableArrayComparer Instance = new();

    public bool Equals(ImmutableArray<string> x, ImmutableArray<string> y) => x.SequenceEqual(y);

    public int GetHashCode(ImmutableArray<string> obj) => obj.Length;
}
