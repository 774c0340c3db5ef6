using System.Xml.Linq;
using VisionZero.Edge;
using VisionZero.Silo.Hosting;
using VisionZero.Silo.Web;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// deploy/docker: each image builds on the official .NET images, runs its project's assembly as the images'
/// non-root user, checks the health its program serves, and copies everything its project needs to build.
/// </summary>
[Trait("Category", "Fast")]
public sealed class DockerfileTests
{
    private static readonly Dockerfile Silo = Dockerfile.Read(DeployFiles.SiloDockerfile);
    private static readonly Dockerfile Edge = Dockerfile.Read(DeployFiles.EdgeDockerfile);

    [Theory]
    [InlineData(DeployFiles.SiloDockerfile, "mcr.microsoft.com/dotnet/aspnet:10.0")]
    [InlineData(DeployFiles.EdgeDockerfile, "mcr.microsoft.com/dotnet/runtime:10.0")]
    public void Builds_with_the_sdk_and_runs_on_the_official_runtime_image(string path, string runtime)
    {
        var dockerfile = Dockerfile.Read(path);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].Image);
        Assert.Equal(runtime, dockerfile.Final.Image);
    }

    [Theory]
    [InlineData(DeployFiles.SiloDockerfile)]
    [InlineData(DeployFiles.EdgeDockerfile)]
    public void Final_stage_runs_as_the_images_non_root_app_user(string path)
    {
        var final = Dockerfile.Read(path).Final;
        Assert.Equal("$APP_UID", final.Last("USER"));
        // Nothing after USER may switch back to root.
        var afterUser = final.Instructions.SkipWhile(i => i.Keyword != "USER").Skip(1);
        Assert.DoesNotContain(afterUser, i => i.Keyword == "USER");
    }

    [Fact]
    public void Silo_image_runs_the_silos_assembly()
    {
        var assembly = typeof(GridHostSettings).Assembly.GetName().Name + ".dll";
        Assert.Equal(["dotnet", assembly], Silo.Final.ExecForm("ENTRYPOINT"));
    }

    [Fact]
    public void Edge_image_runs_the_edges_assembly_with_its_loopback_endpoint()
    {
        var assembly = typeof(EdgeSettings).Assembly.GetName().Name + ".dll";
        Assert.Equal(["dotnet", assembly], Edge.Final.ExecForm("ENTRYPOINT"));
        Assert.Equal(["--http", $"{EdgeSettings.DefaultHttpPort}"], Edge.Final.ExecForm("CMD"));
    }

    [Fact]
    public void Silo_image_serves_http_on_every_interface_at_the_silos_port_and_exposes_the_orleans_ports()
    {
        var environment = Silo.Final.Environment();
        Assert.Equal($"http://+:{GridWebHost.DefaultHttpPort}", environment["ASPNETCORE_URLS"]);
        var exposed = Silo.Final.All("EXPOSE").SelectMany(e => e.Split(' ')).Select(int.Parse).ToHashSet();
        Assert.Equal(
            [GridWebHost.DefaultHttpPort, GridHostSettings.DefaultSiloPort, GridHostSettings.DefaultGatewayPort],
            exposed.Order());
    }

    [Fact]
    public void Silo_healthcheck_asks_the_silos_liveness_endpoint_on_its_http_port()
    {
        var check = Assert.Single(Silo.Final.All("HEALTHCHECK"));
        Assert.Contains($"http://127.0.0.1:{GridWebHost.DefaultHttpPort}/health/live", check);
        Assert.Contains("/health/live", SiloRoutes.Patterns.Value);
    }

    [Fact]
    public void Edge_healthcheck_asks_the_edges_status_on_its_loopback_port()
    {
        var check = Assert.Single(Edge.Final.All("HEALTHCHECK"));
        Assert.Contains($"http://127.0.0.1:{EdgeSettings.DefaultHttpPort}/status", check);
    }

    [Theory]
    [InlineData(DeployFiles.SiloDockerfile, "Silo/Silo.csproj")]
    [InlineData(DeployFiles.EdgeDockerfile, "Edge/Edge.csproj")]
    public void Build_stage_copies_every_project_and_file_its_project_builds_from(string path, string project)
    {
        var build = Dockerfile.Read(path).Stages[0];
        var copied = build.All("COPY")
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .Where(source => !source.StartsWith("--"))
            .ToList();
        foreach (var needed in Inputs(project))
            Assert.True(copied.Any(source => needed == source.TrimEnd('/')
                    || needed.StartsWith(source.EndsWith('/') ? source : source + "/", StringComparison.Ordinal)),
                $"{path} copies nothing that holds {needed} into its build stage");
        var publish = Assert.Single(build.All("RUN"), r => r.StartsWith("dotnet publish"));
        Assert.Contains(project, publish);
    }

    /// <summary>
    /// The folders of a project and of every project it references, and the files outside them it includes
    /// (the schema scripts VisionZero.Grains embeds), as paths from the repository root.
    /// </summary>
    private static HashSet<string> Inputs(string project)
    {
        var inputs = new HashSet<string> { "Directory.Build.props", "Directory.Packages.props" };
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            var folder = Path.GetDirectoryName(next)!;
            if (!inputs.Add(folder))
                continue;
            var xml = XDocument.Load(Path.Combine(DeployFiles.Root, next));
            foreach (var item in xml.Descendants().Where(e => e.Attribute("Include") is not null))
            {
                var include = item.Attribute("Include")!.Value.Replace('\\', '/');
                if (!include.StartsWith("../", StringComparison.Ordinal))
                    continue;
                var full = Path.GetFullPath(Path.Combine(DeployFiles.Root, folder, include));
                var relative = Path.GetRelativePath(DeployFiles.Root, full).Replace('\\', '/');
                if (item.Name.LocalName == "ProjectReference")
                    pending.Push(relative);
                else
                    inputs.Add(Path.GetDirectoryName(relative)!.Replace('\\', '/'));
            }
            foreach (var item in xml.Descendants("ProjectReference"))
            {
                var include = item.Attribute("Include")!.Value.Replace('\\', '/');
                if (!include.StartsWith("../", StringComparison.Ordinal))
                    pending.Push(Path.Combine(folder, include).Replace('\\', '/'));
            }
        }
        return inputs;
    }
}
