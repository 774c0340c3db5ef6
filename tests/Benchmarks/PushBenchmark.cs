using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VisionZero.Grid;
using VisionZero.Models;

namespace VisionZero.Benchmarks;

/// <summary>
/// The push, measured from outside: every corner of the grid is made active, a version is promoted, and
/// the whole grid is swept until every corner answers with it. Reports the time to the first sweep in
/// which all answered with the new version, and how long one sweep of the grid takes by itself.
/// </summary>
public static class PushBenchmark
{
    public static async Task<int> RunAsync(int gatewayPort, int version)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(c => c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
            .Configure<ClusterOptions>(o => { o.ClusterId = "vz"; o.ServiceId = "vision-zero-grid"; })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5)));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var partitions = await Task.WhenAll(Enumerable.Range(0, DirectoryPartitions.Count)
            .Select(p => client.GetGrain<IDirectoryPartitionGrain>(p).GetAll()));
        var ids = partitions.SelectMany(p => p).Select(p => p.Id).ToArray();
        var day = (await client.GetGrain<IDataClockGrain>(0).GetAsOf())!.Value;

        var watch = Stopwatch.StartNew();
        var warm = await SweepAsync(client, ids, day);
        var sweep = watch.Elapsed;
        Console.WriteLine(
            $"push: corners={ids.Length} first_sweep_s={sweep.TotalSeconds:F2} " +
            $"serving_before={string.Join(",", warm.Distinct())}");
        watch.Restart();
        await SweepAsync(client, ids, day);
        var warmSweep = watch.Elapsed;

        await client.GetGrain<IModelRegistryGrain>(0)
            .ForcePromote(version, ModelStage.Production, "push benchmark", "push benchmark");
        watch.Restart();
        var sweeps = 0;
        while (true)
        {
            sweeps++;
            var versions = await SweepAsync(client, ids, day);
            if (versions.All(v => v == version))
                break;
        }
        Console.WriteLine(
            $"push: version={version} all_answer_new_s={watch.Elapsed.TotalSeconds:F2} sweeps={sweeps} " +
            $"warm_sweep_s={warmSweep.TotalSeconds:F2}");
        await host.StopAsync();
        return 0;
    }

    private static async Task<int?[]> SweepAsync(IClusterClient client, string[] ids, DateOnly day)
    {
        var versions = new int?[ids.Length];
        var next = -1;
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length)
                versions[i] = (await client.GetGrain<IIntersectionGrain>(ids[i]).GetSnapshot(day))?.Risk?.ModelVersion;
        }
        await Task.WhenAll(Enumerable.Range(0, 512).Select(_ => WorkerAsync()));
        return versions;
    }
}
