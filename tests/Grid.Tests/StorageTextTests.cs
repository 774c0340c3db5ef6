using VisionZero.Grains.Storage;

namespace VisionZero.Grid.Tests;

[Trait("Category", "Fast")]
public sealed class StorageTextTests
{
    // Built in code: attribute arguments cannot carry lone surrogates intact.
    private const char High = '\uD83D', Low = '\uDE97', Replacement = '\uFFFD';

    public static TheoryData<string, string> HostileTexts => new()
    {
        { "A\0B", $"A{Replacement}B" },
        { $"{High} lone high", $"{Replacement} lone high" },
        { $"lone low {Low}", $"lone low {Replacement}" },
        { $"pair {High}{Low} kept", $"pair {High}{Low} kept" },
        { $"reversed {Low}{High}", $"reversed {Replacement}{Replacement}" },
    };

    [Fact]
    public void CleanTextIsReturnedAsTheSameInstance()
    {
        var text = "ATLANTIC AVENUE & FLATBUSH AVENUE";
        var aboveSurrogates = "ŒUVRE \uFB01ELD \uE000 \uFFFD 道路"; // past U+DFFF: the exact check's path
        Assert.Same(text, StorageText.Safe(text));
        Assert.Same(aboveSurrogates, StorageText.Safe(aboveSurrogates));
        Assert.Null(StorageText.Safe(null));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void NulAndLoneSurrogatesAreReplacedAndPairsKept(string input, string expected) =>
        Assert.Equal(expected, StorageText.Safe(input));
}
