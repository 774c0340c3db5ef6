using VisionZero.Grains.Storage;

namespace VisionZero.Grains.Models;

/// <summary>
/// The registry's words, shared so both stores write identical history lines and errors. Who changed
/// a version and why arrive as a person typed them: cut to what a history line can show, made storable.
/// </summary>
public static class ModelText
{
    public const int MaxLength = 500;

    public static string Clean(string? text)
    {
        text ??= "";
        if (text.Length > MaxLength)
        {
            // Never end on half a surrogate pair (it would become U+FFFD).
            var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            text = text[..cut];
        }
        return StorageText.Safe(text)!;
    }

    /// <summary>The reason on the history line of a production version archived by a promotion.</summary>
    public static string ReplacedBy(int version, string? why) => Clean($"replaced by version {version}: {why}");

    public static string UnknownVersion(int version) => $"model version {version} is not registered";
}
