using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using VisionZero.Grains.Storage;
using VisionZero.Silo.Hosting;
using VisionZero.Silo.Web;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// Every overlay of deploy/k8s, rendered by kubectl kustomize, agrees with the silo: its ports, the settings it
/// reads, its health endpoints, its shutdown, its ids, the image compose builds, the secrets it needs by reference.
/// </summary>
[Trait("Category", "Fast")]
public sealed class KubernetesOverlayTests
{
    public static TheoryData<string> Overlays => [.. Kustomize.Overlays];

    private static YamlNode Deployment(string overlay) => Kustomize.Single(overlay, "Deployment");

    private static YamlNode PodTemplate(string overlay) => Deployment(overlay)["spec"]["template"];

    private static YamlNode Container(string overlay) =>
        Assert.Single(PodTemplate(overlay)["spec"]["containers"].Items);

    private static Dictionary<string, YamlNode> Env(string overlay) =>
        Container(overlay)["env"].Items.ToDictionary(e => e["name"].Text!, e => e);

    /// <summary>The settings the silo would read in this pod: its arguments and literal environment.</summary>
    private static GridHostSettings Settings(string overlay)
    {
        var environment = Env(overlay).Where(e => e.Value["value"].Exists)
            .ToDictionary(e => e.Key, e => e.Value["value"].Text);
        environment["VZ_POSTGRES"] = "Host=db;Database=vz";
        environment[GridHostSettings.KubernetesServiceHostKey] = "10.0.0.1";
        environment[GridHostSettings.KubernetesClusterIdKey] =
            PodTemplate(overlay)["metadata"]["labels"][KubernetesHostingOptions.ClusterIdLabel].Text;
        return DeployFiles.SiloSettings(Container(overlay)["args"].Texts, environment);
    }

    private static int Port(string overlay, string name) =>
        Assert.Single(Container(overlay)["ports"].Items, p => p["name"].Text == name)["containerPort"].Int!.Value;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Container_ports_are_the_ports_the_silo_listens_on(string overlay)
    {
        var settings = Settings(overlay);
        Assert.True(settings.Kubernetes, "the silo would not turn Kubernetes hosting on in this pod");
        Assert.Equal(settings.SiloPort, Port(overlay, "silo"));
        Assert.Equal(settings.GatewayPort, Port(overlay, "gateway"));
        var image = Dockerfile.Read(DeployFiles.SiloDockerfile).Final.Environment();
        Assert.Equal(DeployFiles.UrlPort(image["ASPNETCORE_URLS"]), Port(overlay, "http"));
        Assert.Equal(GridWebHost.DefaultHttpPort, Port(overlay, "http"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_environment_variable_is_one_the_silo_or_orleans_kubernetes_hosting_reads(string overlay)
    {
        Assert.All(Env(overlay).Keys, name => Assert.True(DeployFiles.SiloReads(name),
            $"{overlay}: the silo never reads {name}"));
        Assert.All(DeployFiles.KubernetesHostingVariables, name => Assert.Contains(name, Env(overlay).Keys));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Admin_key_and_connection_string_come_from_a_secret_never_a_literal(string overlay)
    {
        foreach (var (name, key) in new[] { ("VZ_ADMIN_KEY", "admin-key"), ("VZ_POSTGRES", "postgres") })
        {
            var variable = Env(overlay)[name];
            Assert.False(variable["value"].Exists, $"{overlay}: {name} has a literal value");
            var reference = variable["valueFrom"]["secretKeyRef"];
            Assert.Equal("vz-silo", reference["name"].Text);
            Assert.Equal(key, reference["key"].Text);
        }
        Assert.Empty(Kustomize.All(overlay, "Secret"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Kubernetes_hosting_reads_the_pod_from_the_downward_api_and_labels_carrying_the_silos_ids(
        string overlay)
    {
        var env = Env(overlay);
        string? Field(string name) => env[name]["valueFrom"]["fieldRef"]["fieldPath"].Text;
        Assert.Equal("metadata.name", Field(KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", Field(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", Field(KubernetesHostingOptions.PodIPEnvironmentVariable));
        Assert.Equal($"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']",
            Field(KubernetesHostingOptions.ServiceIdEnvironmentVariable));
        Assert.Equal($"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']",
            Field(KubernetesHostingOptions.ClusterIdEnvironmentVariable));
        var labels = PodTemplate(overlay)["metadata"]["labels"];
        var settings = Settings(overlay);
        Assert.Equal(settings.ServiceId, labels[KubernetesHostingOptions.ServiceIdLabel].Text);
        Assert.Equal(GridHostSettings.DefaultServiceId, settings.ServiceId);
        Assert.Equal(GridHostSettings.DefaultClusterId, labels[KubernetesHostingOptions.ClusterIdLabel].Text);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Probes_ask_health_endpoints_the_silo_maps_on_its_http_port(string overlay)
    {
        var container = Container(overlay);
        Assert.Equal("/health/live", container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/live", container["startupProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/ready", container["readinessProbe"]["httpGet"]["path"].Text);
        foreach (var probe in new[] { "livenessProbe", "startupProbe", "readinessProbe" })
        {
            Assert.Equal("http", container[probe]["httpGet"]["port"].Text);
            Assert.Contains(container[probe]["httpGet"]["path"].Text, SiloRoutes.Patterns.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Termination_grace_outlasts_the_silos_shutdown_timeout(string overlay)
    {
        var environment = Env(overlay).Where(e => e.Value["value"].Exists)
            .Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":"), e.Value["value"].Text));
        var limits = WebLimits.From(new ConfigurationBuilder().AddInMemoryCollection(environment).Build());
        var grace = PodTemplate(overlay)["spec"]["terminationGracePeriodSeconds"].Int;
        Assert.NotNull(grace);
        Assert.True(TimeSpan.FromSeconds(grace.Value) > limits.ShutdownTimeout,
            $"{overlay}: {grace} s of grace is not longer than the silo's {limits.ShutdownTimeout} shutdown");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_image_is_the_one_compose_builds_from_the_silo_dockerfile(string overlay)
    {
        var image = Container(overlay)["image"].Text!;
        var compose = ComposeFile.Silos.Values.Select(s => DeployFiles.Repository(s["image"].Text!)).Distinct();
        Assert.Equal(Assert.Single(compose), DeployFiles.Repository(image));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Disruption_budget_and_service_select_exactly_the_deployments_pods(string overlay)
    {
        var selector = Deployment(overlay)["spec"]["selector"]["matchLabels"].Entries
            .ToDictionary(e => e.Key, e => e.Value.Text);
        var podLabels = PodTemplate(overlay)["metadata"]["labels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text);
        Assert.All(selector, s => Assert.Equal(s.Value, podLabels.GetValueOrDefault(s.Key)));
        var budget = Kustomize.Single(overlay, "PodDisruptionBudget");
        Assert.Equal(selector,
            budget["spec"]["selector"]["matchLabels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text));
        Assert.Equal(1, budget["spec"]["maxUnavailable"].Int);
        var service = Kustomize.Single(overlay, "Service");
        Assert.Equal(selector, service["spec"]["selector"].Entries.ToDictionary(e => e.Key, e => e.Value.Text));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pod_role_grants_what_orleans_kubernetes_hosting_does_to_the_silos_service_account(string overlay)
    {
        var account = PodTemplate(overlay)["spec"]["serviceAccountName"].Text;
        Assert.Equal(account, Kustomize.Single(overlay, "ServiceAccount")["metadata"]["name"].Text);
        var role = Kustomize.Single(overlay, "Role");
        var rule = Assert.Single(role["rules"].Items);
        Assert.Equal(["pods"], rule["resources"].Texts);
        Assert.Equal(["get", "list", "patch", "watch"], rule["verbs"].Texts.Order());
        var binding = Kustomize.Single(overlay, "RoleBinding");
        Assert.Equal(role["metadata"]["name"].Text, binding["roleRef"]["name"].Text);
        var subject = Assert.Single(binding["subjects"].Items);
        Assert.Equal(("ServiceAccount", account), (subject["kind"].Text, subject["name"].Text));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void Schema_job_runs_both_sql_files_in_the_order_the_silo_applies_them(string overlay)
    {
        var job = Kustomize.Single(overlay, "Job");
        var pod = job["spec"]["template"]["spec"];
        var container = Assert.Single(pod["containers"].Items);
        var command = container["command"].Texts;
        var files = command.Select((word, i) => (word, i)).Where(w => w.word == "-f")
            .Select(w => Path.GetFileName(command[w.i + 1])).ToArray();
        Assert.Equal(PostgresSchema.Scripts, files);
        var volume = Assert.Single(pod["volumes"].Items);
        var configMap = Assert.Single(Kustomize.All(overlay, "ConfigMap"),
            c => c["metadata"]["name"].Text == volume["configMap"]["name"].Text);
        foreach (var script in PostgresSchema.Scripts)
            Assert.Equal(File.ReadAllText(Path.Combine(DeployFiles.Sql, script)), configMap["data"][script].Text);
        var uri = Assert.Single(container["env"].Items);
        Assert.Equal("vz-silo", uri["valueFrom"]["secretKeyRef"]["name"].Text);
    }

    [Fact]
    public void Canary_joins_productions_cluster_beside_it_without_taking_its_pods_or_its_schema_job()
    {
        Assert.Empty(Kustomize.All("canary", "Job"));
        Assert.Equal(Namespace("production"), Namespace("canary"));
        var production = PodTemplate("production")["metadata"]["labels"];
        var canary = PodTemplate("canary")["metadata"]["labels"];
        var ids = new[] { KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ClusterIdLabel };
        foreach (var label in ids)
            Assert.Equal(production[label].Text, canary[label].Text);
        Assert.Equal(1, Deployment("canary")["spec"]["replicas"].Int);
        Assert.NotEqual(Container("production")["image"].Text, Container("canary")["image"].Text);
        // Neither Deployment's selector matches the other's pods.
        Assert.False(Selects("production", canary));
        Assert.False(Selects("canary", production));
    }

    [Fact]
    public void No_two_overlays_write_the_same_object()
    {
        var owners = Kustomize.Overlays.SelectMany(overlay => Kustomize.Overlay(overlay).Select(d =>
            (Object: $"{d["kind"].Text} {d["metadata"]["namespace"].Text}/{d["metadata"]["name"].Text}", overlay)));
        Assert.All(owners.GroupBy(o => o.Object), g => Assert.True(g.Count() == 1,
            $"{g.Key} is in {string.Join(" and ", g.Select(o => o.overlay))}"));
        Assert.Equal([2, 1, 3], Kustomize.Overlays.Select(o => Deployment(o)["spec"]["replicas"].Int ?? 0));
    }

    private static string? Namespace(string overlay) => Deployment(overlay)["metadata"]["namespace"].Text;

    private static bool Selects(string overlay, YamlNode podLabels) =>
        Deployment(overlay)["spec"]["selector"]["matchLabels"].Entries
            .All(s => podLabels[s.Key].Text == s.Value.Text);
}
