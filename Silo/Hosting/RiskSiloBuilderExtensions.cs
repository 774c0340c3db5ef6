using Microsoft.Extensions.Logging;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using VisionZero.Grains.Jobs;
using VisionZero.Grains.Risk.Drift;
using VisionZero.Grains.Risk.Live;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Risk.Training;
using VisionZero.Grains.Rollout;
using VisionZero.Scoring;
using VisionZero.Silo.Jobs;

namespace VisionZero.Silo.Hosting;

/// <summary>The model side of a silo: the production model and its push, training, and the Hangfire jobs.</summary>
public static class RiskSiloBuilderExtensions
{
    public static ISiloBuilder AddRiskModel(this ISiloBuilder silo, string? postgres)
    {
        var services = silo.Services;
        services.AddOptions<RiskOptions>().BindConfiguration(RiskOptions.Section);
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        // Read now, not at first use: a threshold out of range stops the silo at start, naming its key.
        services.AddSingleton(GateSettings.From(silo.Configuration));
        services.AddSingleton(StagingSettings.From(silo.Configuration));
        services.AddSingleton(CanarySettings.From(silo.Configuration));
        services.AddSingleton(LiveSettings.From(silo.Configuration));
        services.AddSingleton(DriftSettings.From(silo.Configuration));
        services.AddSingleton<DriftService>();
        if (postgres is null)
            services.AddSingleton<IPredictionLogStore, InMemoryPredictionLogStore>();
        else
            services.AddSingleton<IPredictionLogStore, PostgresPredictionLogStore>();
        services.AddSingleton<PredictionLog>();
        services.AddHostedService(sp => sp.GetRequiredService<PredictionLog>());
        services.AddSingleton<LiveAccuracyService>();
        services.AddSingleton<Rollout.StagingLoadTest>();
        services.AddSingleton<Rollout.StagingStep>();
        services.AddSingleton<Rollout.EdgeDrives>();
        services.AddSingleton<Rollout.SimulatedUsers>();
        services.AddSingleton<Rollout.CanaryStep>();
        services.AddSingleton<ServingModels>();
        services.AddHostedService<ServingModelWatcher>();
        services.AddSingleton<ModelTrainingService>();
        services.AddSingleton<CrashSourceIngestor>();
        services.AddTransient<GridJobs>();
        services.AddSingleton<IGridJobQueue, HangfireGridJobQueue>();
        services.AddHangfire((sp, config) =>
        {
            config.UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgres is null)
                config.UseInMemoryStorage();
            else
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // Training runs for minutes: without sliding, a job past the invisibility timeout would run twice.
                    // With it, the timeout can be short, so a job whose silo died is taken up by another soon.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobOptions>>()
                        .Value.InvisibilityTimeout,
                    // New jobs wake a worker through LISTEN/NOTIFY; the poll is only a fallback. Polling PostgreSQL
                    // each second competes with an ingest for the machine's cores (docs/benchmarks.md).
                    EnableLongPolling = true,
                    QueuePollInterval = TimeSpan.FromSeconds(15),
                });
        });
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(
                1, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobOptions>>().Value.Workers);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
        });
        services.AddHostedService<JobSchedule>();
        return silo;
    }
}
