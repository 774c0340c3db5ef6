using Npgsql;
using Orleans.Messaging;

namespace VisionZero.Edge.Sync;

/// <summary>
/// The cluster's gateways as its PostgreSQL membership table lists them (active silos with a gateway port).
/// Orleans' ADO.NET clustering package would do this too, but carries the silo runtime onto the device.
/// </summary>
internal sealed class PostgresGatewayList(string connectionString, string clusterId) : IGatewayListProvider
{
    private const int ActiveStatus = 3;

    public TimeSpan MaxStaleness => TimeSpan.FromSeconds(10);

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, proxyport, generation FROM orleansmembershiptable " +
            "WHERE deploymentid = @cluster AND status = @active AND proxyport > 0", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("active", ActiveStatus);
        var gateways = new List<Uri>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            gateways.Add(new Uri($"gwy.tcp://{reader.GetString(0)}:{reader.GetInt32(1)}/{reader.GetInt32(2)}"));
        return gateways;
    }
}
