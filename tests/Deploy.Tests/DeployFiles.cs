using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using VisionZero.Silo.Hosting;
using VisionZero.TestSupport;

namespace VisionZero.Deploy.Tests;

/// <summary>Where deploy/ keeps each file, and what the silo's code reads that those files must agree with.</summary>
public static partial class DeployFiles
{
    public static readonly string Root = SharedData.RepositoryRoot;
    public static readonly string Deploy = Path.Combine(Root, "deploy");
    public static readonly string K8s = Path.Combine(Deploy, "k8s");
    public static readonly string Compose = Path.Combine(Deploy, "compose");
    public static readonly string Sql = Path.Combine(Deploy, "sql");

    public const string SiloDockerfile = "deploy/docker/silo.Dockerfile";
    public const string EdgeDockerfile = "deploy/docker/edge.Dockerfile";

    /// <summary>What Orleans' Kubernetes hosting reads from the environment (its own public constants).</summary>
    public static readonly string[] KubernetesHostingVariables =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
        KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    ];

    private static readonly Lazy<string> SiloSource = new(() => string.Join('\n',
        new[] { "Silo", "Grains" }.SelectMany(project => Directory.EnumerateFiles(
                Path.Combine(Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText)));

    /// <summary>
    /// Whether the silo reads this environment variable: its name (a__b as the key a:b) is a string literal in
    /// the silo's or the grains' code, or Orleans' Kubernetes hosting reads it.
    /// </summary>
    public static bool SiloReads(string variable) =>
        KubernetesHostingVariables.Contains(variable)
        || SiloSource.Value.Contains($"\"{variable.Replace("__", ":")}\"", StringComparison.Ordinal);

    /// <summary>The silo's settings with these arguments and environment, parsed by the silo's own code.</summary>
    public static GridHostSettings SiloSettings(IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e =>
                new KeyValuePair<string, string?>(e.Key.Replace("__", ":"), e.Value)))
            .AddCommandLine([.. args])
            .Build();
        return GridHostSettings.From(configuration);
    }

    /// <summary>The port of an ASP.NET Core URL such as http://+:5080.</summary>
    public static int UrlPort(string url) => int.Parse(PortOfUrl().Match(url).Groups[1].Value);

    /// <summary>
    /// An image reference without its tag: vision-zero/silo:1.0 and vision-zero/silo:${VZ_TAG:-dev} are
    /// vision-zero/silo.
    /// </summary>
    public static string Repository(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', slash + 1);
        return colon >= 0 ? image[..colon] : image;
    }

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex PortOfUrl();
}
