using System.Buffers;
using System.Text;

namespace VisionZero.Grains.Storage;

/// <summary>
/// PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate: hostile input has both.
/// Replace them rather than lose the row.
/// </summary>
public static class StorageText
{
    // NUL and every surrogate, searched in one vectorised scan (this runs on every text field of every
    // ingested row). Not span.ContainsAnyInRange: its generic code boxed a char per call until tiered up.
    private static readonly SearchValues<char> MaybeUnstorable =
        SearchValues.Create(['\0', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    public static string? Safe(string? text)
    {
        if (text is null)
            return null;
        if (!text.AsSpan().ContainsAny(MaybeUnstorable))
            return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return builder.ToString();
    }
}
