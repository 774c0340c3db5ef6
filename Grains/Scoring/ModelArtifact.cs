using System.IO.Compression;

namespace VisionZero.Scoring;

/// <summary>
/// The bytes a version stores: the risk model on every feature and the windows model on the three
/// window counts alone (what POST /api/predict and the original design's clients send), as two
/// entries of one zip. An artifact without the entries is a version from before the windows model:
/// its bytes are the risk model itself.
/// </summary>
public sealed record ModelArtifact(byte[] Risk, byte[]? Windows)
{
    private const string RiskEntry = "risk.mlnet";
    private const string WindowsEntry = "windows.mlnet";

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            // ML.NET's own files are zips already: storing them again compressed gains nothing.
            Write(zip, RiskEntry, Risk);
            if (Windows is not null)
                Write(zip, WindowsEntry, Windows);
        }
        return buffer.ToArray();
    }

    public static ModelArtifact Parse(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry(RiskEntry) is not { } risk)
                return new ModelArtifact(bytes, null);
            return new ModelArtifact(Read(risk), zip.GetEntry(WindowsEntry) is { } windows ? Read(windows) : null);
        }
        catch (InvalidDataException)
        {
            return new ModelArtifact(bytes, null); // not a zip at all: ML.NET's load says what is wrong with it
        }
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        stream.Write(bytes);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
