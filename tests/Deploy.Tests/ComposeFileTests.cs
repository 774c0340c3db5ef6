using System.Diagnostics;
using System.Text.RegularExpressions;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Web;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// deploy/compose: three silos the silo's own settings parser accepts, clustered through PostgreSQL on ports of
/// their own, the schema applied as the silo applies it, Prometheus on each silo's /metrics, Grafana with the
/// project's dashboard, and secrets only from the operator's .env.
/// </summary>
[Trait("Category", "Fast")]
public sealed partial class ComposeFileTests
{
    private static Dictionary<string, string?> Environment(YamlNode service) =>
        service["environment"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);

    [Fact]
    public void Three_silos_on_postgres_each_advertise_their_name_on_ports_of_their_own()
    {
        Assert.Equal(["silo1", "silo2", "silo3"], ComposeFile.Silos.Keys.Order());
        var settings = ComposeFile.Silos.ToDictionary(s => s.Key,
            s => DeployFiles.SiloSettings(s.Value["command"].Texts, Environment(s.Value)));
        Assert.All(settings, s =>
        {
            Assert.False(s.Value.IsEmbedded, $"{s.Key} would run the embedded default");
            Assert.False(s.Value.Kubernetes);
            Assert.Equal(s.Key, s.Value.AdvertiseHost);
            var published = ComposeFile.Silos[s.Key]["ports"].Texts;
            Assert.Contains($"127.0.0.1:{s.Value.GatewayPort}:{s.Value.GatewayPort}", published);
            Assert.Contains(published, p => p.EndsWith($":{GridWebHost.DefaultHttpPort}", StringComparison.Ordinal));
        });
        Assert.Equal(3, settings.Values.Select(s => s.SiloPort).Distinct().Count());
        Assert.Equal(3, settings.Values.Select(s => s.GatewayPort).Distinct().Count());
        Assert.Single(settings.Values.Select(s => s.ClusterId).Distinct());
    }

    [Fact]
    public void Silo_settings_are_ones_the_silo_reads_and_secrets_come_from_the_env_file()
    {
        foreach (var (name, silo) in ComposeFile.Silos)
        {
            var environment = Environment(silo);
            Assert.All(environment.Keys,
                key => Assert.True(DeployFiles.SiloReads(key), $"{name}: silo never reads {key}"));
            Assert.Matches(@"^\$\{VZ_ADMIN_KEY:\?[^}]*\}$", environment["VZ_ADMIN_KEY"]);
            Assert.Matches(@"Password=\$\{VZ_PG_PASSWORD:\?[^}]*\};", environment["VZ_POSTGRES"]);
            Assert.Contains("Host=postgres;", environment["VZ_POSTGRES"]);
            Assert.Equal("service_completed_successfully", silo["depends_on"]["schema"]["condition"].Text);
            Assert.True(TimeSpan.FromSeconds(int.Parse(silo["stop_grace_period"].Text!.TrimEnd('s')))
                > WebLimits.DefaultShutdownTimeout);
        }
    }

    [Fact]
    public void Schema_step_runs_both_sql_files_in_the_order_the_silo_applies_them()
    {
        var schema = ComposeFile.Services["schema"];
        var command = schema["command"].Texts;
        var files = command.Select((word, i) => (word, i)).Where(w => w.word == "-f")
            .Select(w => command[w.i + 1]).ToArray();
        Assert.Equal(PostgresSchema.Scripts.Select(s => $"/sql/{s}"), files);
        Assert.Contains("../sql:/sql:ro", schema["volumes"].Texts);
        Assert.All(PostgresSchema.Scripts, s => Assert.True(File.Exists(Path.Combine(DeployFiles.Sql, s))));
        Assert.Equal("postgres", schema["environment"]["PGHOST"].Text);
        Assert.Contains("service_healthy", schema["depends_on"]["postgres"]["condition"].Text);
    }

    [Fact]
    public void Prometheus_scrapes_every_silos_metrics_on_its_http_port()
    {
        var mount = Assert.Single(ComposeFile.Services["prometheus"]["volumes"].Texts);
        var config = YamlNode.Documents(File.ReadAllText(Path.Combine(DeployFiles.Compose, mount.Split(':')[0])))[0];
        var job = Assert.Single(config["scrape_configs"].Items);
        Assert.Equal("/metrics", job["metrics_path"].Text);
        Assert.Contains("/metrics", SiloRoutes.Patterns.Value);
        var targets = Assert.Single(job["static_configs"].Items)["targets"].Texts;
        Assert.Equal(ComposeFile.Silos.Keys.Order().Select(s => $"{s}:{GridWebHost.DefaultHttpPort}"), targets.Order());
    }

    [Fact]
    public void Grafana_provisions_the_projects_dashboard_and_a_default_prometheus_source()
    {
        var mounts = ComposeFile.Services["grafana"]["volumes"].Texts.Select(v => v.Split(':')).ToList();
        var dashboard = Assert.Single(mounts, m => m[0].EndsWith("vision-zero.json", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(DeployFiles.Compose, dashboard[0])), $"{dashboard[0]} is not there");
        string Provisioned(string kind) =>
            Path.Combine(DeployFiles.Compose,
                Assert.Single(mounts, m => m[1].EndsWith(kind, StringComparison.Ordinal))[0]);
        var provider = Assert.Single(YamlNode.Documents(File.ReadAllText(
            Assert.Single(Directory.GetFiles(Provisioned("/dashboards"))))))["providers"].Items.Single();
        Assert.Equal(Path.GetDirectoryName(dashboard[1]), provider["options"]["path"].Text);
        var source = Assert.Single(YamlNode.Documents(File.ReadAllText(
            Assert.Single(Directory.GetFiles(Provisioned("/datasources"))))))["datasources"].Items.Single();
        Assert.Equal(("prometheus", "true"), (source["type"].Text, source["isDefault"].Text));
        Assert.Equal("http://prometheus:9090", source["url"].Text);
        Assert.Contains("127.0.0.1:9090:9090", ComposeFile.Services["prometheus"]["ports"].Texts);
    }

    [Fact]
    public void Env_example_sets_every_variable_compose_requires_with_placeholders_and_git_ignores_the_real_file()
    {
        var required = RequiredVariable().Matches(File.ReadAllText(ComposeFile.Path))
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("VZ_ADMIN_KEY", required);
        var example = File.ReadLines(Path.Combine(DeployFiles.Compose, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Superset(required, example.Keys.ToHashSet());
        Assert.All(required, name => Assert.Equal("change-me", example[name]));
        Assert.True(example["VZ_ADMIN_KEY"].Length < AdminKey.MinLength, "the silo must refuse the placeholder key");
        var ignored = Process.Start(new ProcessStartInfo("git", ["check-ignore", "-q", "deploy/compose/.env"])
        {
            WorkingDirectory = DeployFiles.Root,
        })!;
        ignored.WaitForExit();
        Assert.True(ignored.ExitCode == 0, "git does not ignore deploy/compose/.env, where the real secrets go");
    }

    [GeneratedRegex(@"\$\{([A-Z_]+):\?")]
    private static partial Regex RequiredVariable();
}
