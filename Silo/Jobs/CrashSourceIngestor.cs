using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionZero.Grid;
using VisionZero.Ingest;

namespace VisionZero.Silo.Jobs;

/// <summary>
/// The ingest job's sources: a drop folder (each file ingested, then moved to processed/ or, with the
/// reason beside it, failed/) or the SODA API, paged by collision_id from a little before the latest
/// crash known (the city adds and amends records late; re-reading them is free: ingest is idempotent).
/// </summary>
public sealed class CrashSourceIngestor(
    IGrainFactory grains, IOptions<JobOptions> options, TimeProvider time, ILogger<CrashSourceIngestor> logger)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public async Task<string> IngestAsync(CancellationToken cancellationToken)
    {
        var source = options.Value.IngestSource;
        if (string.IsNullOrWhiteSpace(source))
            return "no ingest source is configured (Jobs:IngestSource): nothing to do";
        return Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? await FromSodaAsync(uri, cancellationToken)
            : await FromFolderAsync(source, cancellationToken);
    }

    private async Task<string> FromFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"the ingest drop folder {folder} does not exist");
        var files = Directory.GetFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        long accepted = 0, failed = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var summary = await new CrashFileIngestor(grains)
                    .IngestFileAsync(file, Today(), cancellationToken: cancellationToken);
                accepted += summary.Accepted;
                Move(file, "processed");
            }
            catch (Exception e) when (e is CrashData.CrashFileFormatException or IOException or InvalidDataException)
            {
                failed++;
                logger.LogWarning("Ingest of {File} failed: {Reason}", file, e.Message);
                var target = Move(file, "failed");
                await File.WriteAllTextAsync(target + ".error.txt", e.Message, cancellationToken);
            }
        }
        return $"{files.Count} file(s): {accepted} crashes accepted, {failed} file(s) refused";
    }

    private async Task<string> FromSodaAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var latest = await grains.GetGrain<IDataClockGrain>(0).GetLatestCrashDate();
        var since = latest?.AddDays(-options.Value.SodaLookbackDays);
        long read = 0, accepted = 0;
        for (var offset = 0L; ; offset += options.Value.SodaPageSize)
        {
            var query = $"$order=collision_id&$limit={options.Value.SodaPageSize}&$offset={offset}" +
                        (since is { } s
                            ? $"&$where=crash_date>='{s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}T00:00:00'"
                            : "");
            var page = new UriBuilder(endpoint) { Query = query }.Uri;
            using var response = await Http.GetAsync(page, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffered = new MemoryStream();
            await body.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
            if (IsEmptyPage(buffered))
                break;
            var summary = await new CrashFileIngestor(grains).IngestAsync(
                buffered, $"{endpoint.Host} offset {offset}", Today(), cancellationToken: cancellationToken);
            read += summary.Read;
            accepted += summary.Accepted;
            if (summary.Read < options.Value.SodaPageSize)
                break;
        }
        return $"SODA {endpoint.Host}: {read} records read, {accepted} new";
    }

    private static bool IsEmptyPage(MemoryStream page)
    {
        using var document = JsonDocument.Parse(page, new JsonDocumentOptions { AllowTrailingCommas = true });
        page.Position = 0;
        return document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0;
    }

    private static string Move(string file, string folder)
    {
        var directory = Path.Combine(Path.GetDirectoryName(file)!, folder);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, Path.GetFileName(file));
        File.Move(file, target, overwrite: true);
        return target;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
