using System.CommandLine;
using VisionZero.Jobs;
using VisionZero.Models;

namespace VisionZero.Client.Commands;

/// <summary>
/// What vz models live and vz models drift share: an optional VERSION (default: the one in production) and its
/// figures from the jobs grain, or the exit code after saying why there are none.
/// </summary>
internal static class VersionFigures
{
    public static Argument<int?> Argument() => new("VERSION")
    {
        Description = "The version (default: the one in production)", Arity = ArgumentArity.ZeroOrOne,
    };

    public static async Task<(T? Figures, int Exit)> ReadAsync<T>(
        ClusterConnection connection, int? version, Func<IGridJobsGrain, int, Task<T>> read)
        where T : class
    {
        var v = version ?? (await connection.Client.GetGrain<IModelRegistryGrain>(0).GetProduction())?.Version;
        if (v is null)
        {
            await Console.Error.WriteLineAsync("No version is in production: name one.");
            return (null, ExitCodes.NotFound);
        }
        try
        {
            return (await read(connection.Client.GetGrain<IGridJobsGrain>(0), v.Value), ExitCodes.Ok);
        }
        catch (KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"No model version {v}.");
            return (null, ExitCodes.NotFound);
        }
    }
}
