using System.CommandLine;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using VisionZero.Edge.Commands;
using VisionZero.Edge.Gps;
using VisionZero.TestSupport;

namespace VisionZero.Edge.Tests;

/// <summary>
/// deploy/edge/vz-edge.service and vz-edge.env.example: the command the unit runs is vz-edge's own (every
/// option exists and parses, with the example's settings and with each alternative it documents), every
/// setting of the example is one the unit or vz-edge reads, and systemd's own checker accepts the unit.
/// </summary>
[Trait("Category", "Fast")]
[SupportedOSPlatform("linux")]
public sealed partial class EdgeServiceUnitTests
{
    private const string Installed = "/opt/vz-edge/vz-edge";

    private static readonly string Deploy = Path.Combine(SharedData.RepositoryRoot, "deploy", "edge");
    private static readonly string UnitPath = Path.Combine(Deploy, "vz-edge.service");
    private static readonly string ExamplePath = Path.Combine(Deploy, "vz-edge.env.example");

    private readonly List<(string Section, string Key, string Value)> _unit =
        SystemdUnitFile.Settings(File.ReadAllText(UnitPath));

    private readonly (Dictionary<string, string> Set, List<(string Name, string Value)> Documented) _example =
        SystemdUnitFile.Environment(File.ReadAllText(ExamplePath));

    private string ExecStart => Assert.Single(_unit, s => s.Key == "ExecStart").Value;

    [Fact]
    public void Unit_runs_vz_edge_with_options_it_has_for_the_example_and_each_documented_alternative()
    {
        Assert.Equal("/etc/vz-edge/vz-edge.env", Assert.Single(_unit, s => s.Key == "EnvironmentFile").Value);
        var settings = new Dictionary<string, string>(SystemdUnitFile.UnitEnvironment(_unit));
        foreach (var (name, value) in _example.Set)
            settings[name] = value;
        var parsed = AssertRuns(settings);
        Assert.Equal(settings["VZ_EDGE_GATEWAY"], parsed.GetValue(EdgeOptions.Gateway));
        Assert.Equal(EdgeSettings.DefaultHttpPort, parsed.GetValue<int>("--http"));
        var device = parsed.GetValue<string>("--replay");
        Assert.NotNull(device);
        Assert.Equal(TraceFormat.Nmea, TraceFiles.FormatOf(device));

        var alternatives = _example.Documented.Where(d => SystemdUnitFile.Variables(ExecStart).Contains(d.Name))
            .ToList();
        Assert.NotEmpty(alternatives);
        foreach (var (name, value) in alternatives)
            AssertRuns(new Dictionary<string, string>(settings) { [name] = value });
        // A kiosk with no GPS and no area set: the endpoint alone, the area around the first position asked.
        AssertRuns(settings.Where(s => s.Key is not ("VZ_EDGE_GPS" or "VZ_EDGE_AREA"))
            .ToDictionary(s => s.Key, s => s.Value));
    }

    [Fact]
    public void Unit_keeps_the_copy_in_its_state_directory()
    {
        var state = Assert.Single(_unit, s => s.Key == "StateDirectory").Value;
        Assert.Equal($"%S/{state}", SystemdUnitFile.UnitEnvironment(_unit)["VZ_EDGE_DATA"]);
        Assert.Contains(_unit, s => s is { Key: "ProtectSystem", Value: "strict" });
        Assert.Contains(_unit, s => s is { Key: "SupplementaryGroups", Value: "dialout" });
    }

    [Fact]
    public void Every_setting_of_the_example_is_read_by_the_unit_or_by_vz_edge()
    {
        var byUnit = SystemdUnitFile.Variables(ExecStart);
        var all = _example.Set.Select(s => (Name: s.Key, s.Value)).Concat(_example.Documented).ToList();
        Assert.Contains(all, s => !byUnit.Contains(s.Name));
        foreach (var (name, value) in all.Where(s => !byUnit.Contains(s.Name)))
            Assert.True(ChangesWhatVzEdgeDoes(name, value), $"vz-edge does not read {name}");
    }

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit()
    {
        var analyze = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(folder => Path.Combine(folder, "systemd-analyze")).FirstOrDefault(File.Exists);
        Assert.True(analyze is not null,
            "systemd-analyze not found: install Debian's systemd (deploy/local/test.sh does)");
        var root = Directory.CreateTempSubdirectory("vz-edge-unit-").FullName;
        try
        {
            var version = await SystemdVersionAsync(analyze);
            var output = await VerifyAsync(analyze, root);
            // systemd before 254 has no RestartSteps or RestartMaxDelaySec: it says so, and restarts at one pace.
            var complaints = output.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => version >= 254 || !LaterKeys().IsMatch(line)).ToList();
            Assert.True(output.ExitCode == 0 && complaints.Count == 0,
                $"systemd-analyze verify (systemd {version}) exited {output.ExitCode}:\n" +
                string.Join('\n', complaints));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Parses the unit's command as vz-edge does and builds its settings; fails naming any error.</summary>
    private ParseResult AssertRuns(IReadOnlyDictionary<string, string> environment)
    {
        var words = SystemdUnitFile.Expand(ExecStart, environment);
        Assert.Equal(Installed, words[0]);
        var parsed = EdgeCommandLine.Create().Parse(words[1..]);
        Assert.True(parsed.Errors.Count == 0,
            $"vz-edge {string.Join(' ', words[1..])}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        EdgeOptions.Settings(parsed);
        return parsed;
    }

    /// <summary>Whether setting the variable changes where vz-edge keeps its copy or how it reaches the grid.</summary>
    private static bool ChangesWhatVzEdgeDoes(string name, string value)
    {
        var before = Environment.GetEnvironmentVariable(name);
        static (string, string?, string?) Reads()
        {
            var settings = EdgeOptions.Settings(EdgeCommandLine.Create().Parse([]));
            return (settings.DataFolder, settings.Postgres, settings.Gateway);
        }
        try
        {
            Environment.SetEnvironmentVariable(name, null);
            var unset = Reads();
            Environment.SetEnvironmentVariable(name, value);
            return Reads() != unset;
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }

    /// <summary>
    /// systemd-analyze verify on the unit installed in a scratch root: the unit and the example as the operator
    /// places them, an executable at /opt/vz-edge/vz-edge, and a copy of this machine's system units.
    /// </summary>
    private static async Task<ProcessRun> VerifyAsync(string analyze, string root)
    {
        var units = Directory.CreateDirectory(Path.Combine(root, "etc", "systemd", "system")).FullName;
        File.Copy(UnitPath, Path.Combine(units, "vz-edge.service"));
        Directory.CreateDirectory(Path.Combine(root, "etc", "vz-edge"));
        File.Copy(ExamplePath, Path.Combine(root, "etc", "vz-edge", "vz-edge.env"));
        var program = Path.Combine(root, Installed.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(program)!);
        await File.WriteAllTextAsync(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        CopyTree("/usr/lib/systemd/system", Path.Combine(root, "usr", "lib", "systemd", "system"));
        var info = new ProcessStartInfo(analyze) { ArgumentList = { "verify", $"--root={root}", "vz-edge.service" } };
        return await ProcessRun.RunAsync(info, TimeSpan.FromMinutes(1));
    }

    private static async Task<int> SystemdVersionAsync(string analyze)
    {
        var run = await ProcessRun.RunAsync(new ProcessStartInfo(analyze, "--version"), TimeSpan.FromMinutes(1));
        var match = SystemdVersion().Match(run.Text);
        Assert.True(match.Success, $"no version in: {run.Text}");
        return int.Parse(match.Groups["version"].Value);
    }

    /// <summary>Copies a folder of unit files, its symbolic links as links (systemd resolves them in root).</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
                File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo folder)
                CopyTree(folder.FullName, target);
            else
                File.Copy(entry.FullName, target);
        }
    }

    [GeneratedRegex(@"Unknown key '(RestartSteps|RestartMaxDelaySec)' in section \[Service\]")]
    private static partial Regex LaterKeys();

    [GeneratedRegex(@"^systemd (?<version>\d+)")]
    private static partial Regex SystemdVersion();
}
