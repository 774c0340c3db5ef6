namespace VisionZero.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml as parsed YAML (anchors and merge keys applied).</summary>
public static class ComposeFile
{
    public static readonly string Path = System.IO.Path.Combine(DeployFiles.Compose, "compose.yaml");

    private static readonly Lazy<YamlNode> Parsed = new(() =>
        Assert.Single(YamlNode.Documents(File.ReadAllText(Path))));

    public static YamlNode Root => Parsed.Value;

    public static IReadOnlyDictionary<string, YamlNode> Services => Root["services"].Entries;

    /// <summary>The services that run the silo image.</summary>
    public static IReadOnlyDictionary<string, YamlNode> Silos => Services
        .Where(s => s.Value["build"]["dockerfile"].Text == DeployFiles.SiloDockerfile)
        .ToDictionary(s => s.Key, s => s.Value);
}
