using System.Collections.Concurrent;
using System.Diagnostics;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// deploy/k8s rendered as an operator's kubectl apply -k would send it: `kubectl kustomize DIR`, once per folder.
/// </summary>
public static class Kustomize
{
    public static readonly string[] Overlays = ["staging", "canary", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<YamlNode>>> Rendered = new();

    public static IReadOnlyList<YamlNode> Overlay(string name) =>
        Rendered.GetOrAdd(name, n => new Lazy<IReadOnlyList<YamlNode>>(
            () => YamlNode.Documents(Render(Path.Combine(DeployFiles.K8s, "overlays", n))))).Value;

    public static YamlNode Single(string overlay, string kind) =>
        Assert.Single(Overlay(overlay), d => d["kind"].Text == kind);

    public static IEnumerable<YamlNode> All(string overlay, string kind) =>
        Overlay(overlay).Where(d => d["kind"].Text == kind);

    private static string Render(string folder)
    {
        var kubectl = Kubectl();
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            Assert.Fail($"kubectl kustomize {folder} did not finish within a minute");
        }
        Assert.True(process.ExitCode == 0,
            $"kubectl kustomize {folder} failed (exit {process.ExitCode}): {error.Result}");
        return output.Result;
    }

    private static string Kubectl()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "kubectl is not installed, so deploy/k8s cannot be rendered: apt-get install -y kubectl " +
            "(or kubernetes-client); deploy/local/test.sh installs it");
        return found!;
    }
}
