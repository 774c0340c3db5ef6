using System.Text.Json;

namespace VisionZero.Deploy.Tests;

/// <summary>A Dockerfile read as its stages: each FROM and the instructions under it, continued lines joined.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Read(string repositoryPath)
    {
        var stages = new List<Stage>();
        var pending = "";
        foreach (var raw in File.ReadLines(Path.Combine(DeployFiles.Root, repositoryPath)))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var instruction = (pending + line).Trim();
            pending = "";
            var space = instruction.IndexOf(' ');
            var keyword = instruction[..space].ToUpperInvariant();
            var argument = instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
                stages.Add(new Stage(argument));
            else
            {
                Assert.True(stages.Count > 0, $"{repositoryPath}: {keyword} before any FROM");
                stages[^1].Instructions.Add((keyword, argument));
            }
        }
        return new Dockerfile(stages);
    }

    public sealed class Stage(string from)
    {
        /// <summary>The image, before any "AS name".</summary>
        public string Image { get; } = from.Split(' ')[0];

        public List<(string Keyword, string Argument)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Argument);

        public string? Last(string keyword) => All(keyword).LastOrDefault();

        /// <summary>An exec-form instruction (ENTRYPOINT ["dotnet", "x.dll"]) as its words.</summary>
        public string[] ExecForm(string keyword) =>
            JsonSerializer.Deserialize<string[]>(Last(keyword) ?? "[]") ?? [];

        /// <summary>Every ENV setting of the stage, in either form (KEY=value ... or KEY value).</summary>
        public Dictionary<string, string> Environment()
        {
            var settings = new Dictionary<string, string>();
            foreach (var argument in All("ENV"))
            {
                if (!argument.Split(' ')[0].Contains('='))
                {
                    var space = argument.IndexOf(' ');
                    settings[argument[..space]] = argument[(space + 1)..].Trim();
                    continue;
                }
                foreach (var pair in argument.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    settings[pair[..equals]] = pair[(equals + 1)..];
                }
            }
            return settings;
        }
    }
}
