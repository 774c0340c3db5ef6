using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VisionZero.Grains.Uplink;

namespace VisionZero.Silo.Hosting;

/// <summary>The edge uplink's store: PostgreSQL with a connection string, as the crash store, else memory.</summary>
public static class UplinkSiloBuilderExtensions
{
    public static ISiloBuilder AddEdgeUplink(this ISiloBuilder silo, string? postgres)
    {
        if (postgres is null)
            silo.Services.AddSingleton<IEdgeUplinkStore, InMemoryEdgeUplinkStore>();
        else
            silo.Services.AddSingleton<IEdgeUplinkStore>(
                sp => new PostgresEdgeUplinkStore(sp.GetRequiredService<NpgsqlDataSource>()));
        return silo;
    }
}
