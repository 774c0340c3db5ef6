using System.CommandLine;
using System.Globalization;
using VisionZero.Client.Lifetime;

namespace VisionZero.Client.Commands;

/// <summary>Options every cluster command shares.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Gateway = new("--gateway")
    {
        Description = $"Gateway HOST:PORT of the cluster (default {ClusterConnection.DefaultGateway})",
        Recursive = true,
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Find the cluster through PostgreSQL membership (connection string; or VZ_POSTGRES)",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON (camelCase) instead of a table" };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Day the windows end on, YYYY-MM-DD (default: the data clock)",
    };

    public static DateOnly? ParseAsOf(string? text)
    {
        if (text is null)
            return null;
        return DateOnly.TryParseExact(
                text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UserInputException($"--as-of must be a date YYYY-MM-DD, not '{text}'");
    }

    public static Task<ClusterConnection> ConnectAsync(ParseResult result, CancellationToken cancellationToken) =>
        ClusterConnection.OpenAsync(result.GetValue(Gateway), result.GetValue(Postgres), CommandStop.Current,
            cancellationToken);
}
