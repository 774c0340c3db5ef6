using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// A parsed YAML value (mapping, sequence or scalar) that reads missing keys as a missing node, so a check says
/// what it expected rather than throwing on the way there.
/// </summary>
public sealed class YamlNode(object? value)
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static readonly YamlNode Missing = new(null);

    public bool Exists => value is not null;

    public string? Text => value as string;

    public int? Int => int.TryParse(Text, out var number) ? number : null;

    public YamlNode this[string key] =>
        value is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? new YamlNode(child) : Missing;

    public IReadOnlyList<YamlNode> Items =>
        value is List<object> list ? [.. list.Select(item => new YamlNode(item))] : [];

    public IReadOnlyDictionary<string, YamlNode> Entries =>
        value is Dictionary<object, object> map
            ? map.ToDictionary(e => (string)e.Key, e => new YamlNode(e.Value))
            : new Dictionary<string, YamlNode>();

    /// <summary>A scalar, or each item of a sequence of scalars.</summary>
    public IReadOnlyList<string> Texts => Text is { } one ? [one] : [.. Items.Select(i => i.Text ?? "")];

    /// <summary>Every document of a YAML stream (kubectl kustomize prints one per object), merges applied.</summary>
    public static IReadOnlyList<YamlNode> Documents(string yaml)
    {
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        var documents = new List<YamlNode>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
            documents.Add(new YamlNode(Deserializer.Deserialize(parser)));
        return documents;
    }

    public override string ToString() => value?.ToString() ?? "(missing)";
}
