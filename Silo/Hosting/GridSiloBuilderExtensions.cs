using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using VisionZero.Grains;
using VisionZero.Grains.Models;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using VisionZero.Grains.Persistence;
using VisionZero.Grains.Storage;
using VisionZero.Scoring;

namespace VisionZero.Silo.Hosting;

/// <summary>The one place a silo is wired: the silo process and the test hosts both call these.</summary>
public static class GridSiloBuilderExtensions
{
    /// <summary>
    /// Grain storage, reminders, the crash store, the model registry and the edge uplink: PostgreSQL with a
    /// connection string, else memory.
    /// </summary>
    public static ISiloBuilder AddGrid(this ISiloBuilder silo, string? postgres)
    {
        if (postgres is null)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(GridStorage.Name,
                (sp, _) => new InProcessGrainStorage(sp.GetRequiredService<Serializer>()));
            silo.Services.AddKeyedSingleton<IGrainStorage>(GridStorage.Intersections,
                (sp, _) => new InProcessGrainStorage(sp.GetRequiredService<Serializer>()));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<InMemoryCrashStore>();
            silo.Services.AddSingleton<ICrashStore>(sp => sp.GetRequiredService<InMemoryCrashStore>());
            silo.Services.AddSingleton<IIngestActivity>(sp => sp.GetRequiredService<InMemoryCrashStore>());
            silo.Services.AddSingleton<IModelRegistryStore, InMemoryModelRegistryStore>();
        }
        else
        {
            silo.AddAdoNetGrainStorage(GridStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<Serializer, IGrainStorageSerializer>((o, binary, json) =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                    // Orleans' binary codecs: the JSON default writes type names into every state and allocates
                    // heavily while an ingest writes the catalog (docs/benchmarks.md). State an earlier
                    // version wrote as JSON still reads: the default serializer is the fallback.
                    o.GrainStorageSerializer =
                        new GrainStorageSerializer(new OrleansGrainStorageSerializer(binary), json);
                }));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres;
            });
            silo.Services.AddSingleton(_ => GridDataSource.Create(postgres));
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                GridStorage.Intersections,
                (sp, _) => new BatchedPostgresGrainStorage(
                    sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<Serializer>(),
                    sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
            silo.Services.AddSingleton<ICrashStore, PostgresCrashStore>();
            silo.Services.AddSingleton<IIngestActivity, PostgresIngestActivity>();
            silo.Services.AddSingleton<IModelRegistryStore, PostgresModelRegistryStore>();
        }
        GridOptions.Check(silo.Configuration);
        silo.Services.AddOptions<GridOptions>().BindConfiguration(GridOptions.Section);
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<Grains.Query.SnapshotCache>();
        silo.Services.AddHostedService<Grains.Query.HotspotRankingWarmer>();
        silo.Services.AddSingleton<Grains.Ingest.OrphanedRunSweep>();
        silo.Services.AddSingleton<Grains.Ingest.AbandonedRunReplay>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
            sp => sp.GetRequiredService<Grains.Ingest.OrphanedRunSweep>());
        silo.AddIncomingGrainCallFilter<Grains.Storage.StorageFailureFilter>();
        silo.AddRiskModel(postgres);
        silo.AddEdgeUplink(postgres);
        silo.AddWebhooks();
        return silo;
    }

    /// <summary>
    /// ADO.NET membership on PostgreSQL, or localhost clustering for the embedded default. On PostgreSQL the silo
    /// advertises loopback (one machine), a named host (containers) or, in Kubernetes, its pod's IP.
    /// </summary>
    public static ISiloBuilder UseGridClustering(this ISiloBuilder silo, GridHostSettings settings)
    {
        if (settings.Postgres is null)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId,
                clusterId: settings.ClusterId);
            return silo;
        }
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = settings.Postgres;
        });
        if (settings.Kubernetes)
            silo.UseGridKubernetesHosting(settings);
        else if (settings.AdvertiseHost is { } host)
            silo.ConfigureEndpoints(host, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        else
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
        // After Kubernetes hosting's own: the grid's ids win over ORLEANS_SERVICE_ID, since stored state is keyed
        // by the service id (GridHostSettings reads ORLEANS_CLUSTER_ID itself).
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        return silo;
    }
}
