using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

internal static class ReaderFiles
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static Task<List<CrashRow>> ReadAllAsync(string path) => ReadAllAsync(File.OpenRead(path));

    public static async Task<List<CrashRow>> ReadAllAsync(Stream stream)
    {
        using var source = await CrashFileReader.OpenAsync(stream, Today);
        return await ToListAsync(source);
    }

    public static Task<List<CrashRow>> ReadTextAsync(string text) =>
        ReadAllAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));

    private static async Task<List<CrashRow>> ToListAsync(ICrashRowSource source)
    {
        var rows = new List<CrashRow>();
        await foreach (var row in source.ReadAsync())
            rows.Add(row);
        return rows;
    }
}
