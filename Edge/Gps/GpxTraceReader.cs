using System.Runtime.CompilerServices;
using System.Xml;

namespace VisionZero.Edge.Gps;

/// <summary>
/// Reads the track points (<c>&lt;trkpt lat lon&gt;&lt;time&gt;</c>) of a GPX 1.1 file as a stream. Element
/// names are matched whatever their namespace, so GPX 1.0 and unprefixed files read too. A DTD is refused
/// outright: it is never needed for GPX and is how XML entity attacks arrive.
/// </summary>
public static class GpxTraceReader
{
    public static async IAsyncEnumerable<FixParseResult> ReadAsync(
        Stream input,
        string sourceName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(input, settings);
        while (reader.ReadState is ReadState.Initial or ReadState.Interactive)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await NextPointAsync(reader, sourceName) is { } result)
                yield return result;
        }
    }

    /// <summary>
    /// The next track point, or null when the document ends first. XML that breaks off or is not XML at all
    /// gives one malformed result and leaves the reader in its error state, which ends the trace.
    /// </summary>
    private static async Task<FixParseResult?> NextPointAsync(XmlReader reader, string sourceName)
    {
        try
        {
            while (await reader.ReadAsync())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "trkpt")
                    return await ReadPointAsync(reader);
            return null;
        }
        catch (XmlException e) when (IsDtdRefusal(e))
        {
            throw new TraceFileException(
                $"{sourceName}: the GPX file has a DOCTYPE; document type definitions are refused in traces", e);
        }
        catch (XmlException)
        {
            return FixParseResult.Skipped(FixSkipReason.Malformed);
        }
    }

    private static async Task<FixParseResult> ReadPointAsync(XmlReader reader)
    {
        var latitudeText = reader.GetAttribute("lat");
        var longitudeText = reader.GetAttribute("lon");
        string? timeText = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            await reader.ReadAsync();
            while (reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "time")
                    timeText = await reader.ReadElementContentAsStringAsync();
                else
                    await reader.ReadAsync();
            }
        }
        if (latitudeText is null || longitudeText is null || timeText is null
            || !TraceText.TryParseDegrees(latitudeText, 90, out var latitude)
            || !TraceText.TryParseDegrees(longitudeText, 180, out var longitude)
            || !TraceText.TryParseTime(timeText, out var time))
            return FixParseResult.Skipped(FixSkipReason.Malformed);
        return FixParseResult.Parsed(new GpsFix(time, latitude, longitude));
    }

    /// <summary>
    /// XmlReader reports a prohibited DTD as a plain XmlException; its message is the only thing that tells it
    /// from broken XML, and it names the DTD.
    /// </summary>
    private static bool IsDtdRefusal(XmlException e) => e.Message.Contains("DTD", StringComparison.Ordinal);
}
