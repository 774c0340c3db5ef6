using System.Text;

namespace VisionZero.Grains.Storage;

/// <summary>
/// PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate: hostile input has both.
/// Replace them rather than lose the row.
/// </summary>
public static class StorageText
{
    public static string? Safe(string? text)
    {
        if (text is null)
            return null;
        // This runs on every text field of every ingested row. Nearly all text lies within U+0001-U+D7FF,
        // which one vectorised scan confirms; only the rest is checked exactly. (A SearchValues of NUL and
        // the surrogates was slower in the ingest profile: docs/benchmarks.md.)
        var span = text.AsSpan();
        if (span.IndexOfAnyExceptInRange('\u0001', '\uD7FF') < 0 ||
            (!span.Contains('\0') && !span.ContainsAnyInRange('\uD800', '\uDFFF')))
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
