using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VisionZero.Api;
using VisionZero.Grid;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// A snapshot's JSON, written once per snapshot instance as UTF-8: the query cache hands out the same instances
/// until the grid or the model changes, so an answer copies each corner's bytes instead of serializing its sixty
/// fields per request (at city size, serializing was most of a near query's work).
/// </summary>
public static class IntersectionJsonCache
{
    private static readonly ConditionalWeakTable<IntersectionSnapshot, byte[]> Utf8Views = new();
    private static readonly ConditionalWeakTable<IntersectionSnapshot, byte[]> BriefViews = new();

    /// <summary>The corner's JSON object, without a distance.</summary>
    public static byte[] Utf8(IntersectionSnapshot snapshot) =>
        Utf8Views.GetValue(snapshot, static s => JsonSerializer.SerializeToUtf8Bytes(
            IntersectionJson.From(s), ApiJsonContext.Api.IntersectionJson));

    /// <summary>The corner as an area answer lists it (<see cref="NearbyCornerJson"/>), without a distance.</summary>
    public static byte[] BriefUtf8(IntersectionSnapshot snapshot) =>
        BriefViews.GetValue(snapshot, static s => JsonSerializer.SerializeToUtf8Bytes(
            NearbyCornerJson.From(s), ApiJsonContext.Api.NearbyCornerJson));

    /// <summary>Writes the corner's JSON object, whole or brief, with "distanceM" added as its last field.</summary>
    public static void Write(Utf8JsonWriter writer, IntersectionSnapshot snapshot, double distanceM, bool brief = false)
    {
        var json = brief ? BriefUtf8(snapshot) : Utf8(snapshot);
        var buffer = ArrayPool<byte>.Shared.Rent(json.Length + 40);
        try
        {
            // The cached object ends with '}': the distance goes in before it.
            json.AsSpan(0, json.Length - 1).CopyTo(buffer);
            var at = json.Length - 1;
            "\"distanceM\":"u8.CopyTo(buffer.AsSpan(at + 1));
            buffer[at] = (byte)',';
            at += 1 + "\"distanceM\":"u8.Length;
            Utf8Formatter.TryFormat(distanceM, buffer.AsSpan(at), out var written);
            at += written;
            buffer[at++] = (byte)'}';
            writer.WriteRawValue(buffer.AsSpan(0, at), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
