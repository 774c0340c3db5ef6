using Microsoft.Extensions.Configuration;
using VisionZero.Silo.Web;

namespace VisionZero.Cluster.Tests;

/// <summary>The generated admin key file: private from its first byte, reused when private, refused when not.</summary>
[Trait("Category", "Fast")]
public class AdminKeyFileTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void A_generated_key_file_is_0600_from_creation_and_no_temporary_file_is_left()
    {
        if (OperatingSystem.IsWindows())
            return;
        var folder = Directory.CreateTempSubdirectory("vz-key").FullName;
        var seen = new List<(string File, UnixFileMode Mode)>();
        using var watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true };
        watcher.Created += (_, e) =>
        {
            try
            {
                if (!OperatingSystem.IsWindows())
                    lock (seen)
                        seen.Add((e.Name!, File.GetUnixFileMode(e.FullPath)));
            }
            catch (IOException)
            {
                // Already renamed away: its mode was seen under the final name.
            }
        };
        var key = AdminKey.From(Configuration(folder));
        var file = Path.Combine(folder, AdminKey.FileName);
        Assert.Equal(file, key.File);
        Assert.Equal(Private, File.GetUnixFileMode(file));
        Assert.True(key.Matches(File.ReadAllText(file)));
        Assert.Equal([AdminKey.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        Thread.Sleep(200);
        lock (seen)
            Assert.All(seen, s => Assert.Equal(UnixFileMode.None, s.Mode & ~Private));
    }

    [Fact]
    public void An_existing_private_key_file_is_reused_and_an_empty_one_is_replaced()
    {
        if (OperatingSystem.IsWindows())
            return;
        var folder = Directory.CreateTempSubdirectory("vz-key").FullName;
        var first = AdminKey.From(Configuration(folder));
        var text = File.ReadAllText(first.File!);
        var again = AdminKey.From(Configuration(folder));
        Assert.True(again.Matches(text));
        File.WriteAllText(first.File!, "");
        var replaced = AdminKey.From(Configuration(folder));
        var newText = File.ReadAllText(first.File!);
        Assert.True(newText.Length >= AdminKey.MinLength);
        Assert.True(replaced.Matches(newText));
        Assert.Equal(Private, File.GetUnixFileMode(first.File!));
    }

    [Theory]
    [InlineData(
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite, "0620")]
    public void A_key_file_others_can_read_or_write_stops_the_silo_naming_the_file_and_its_mode(
        UnixFileMode mode,
        string octal)
    {
        if (OperatingSystem.IsWindows())
            return;
        var folder = Directory.CreateTempSubdirectory("vz-key").FullName;
        var file = Path.Combine(folder, AdminKey.FileName);
        File.WriteAllText(file, "an-old-key-someone-may-have-read");
        File.SetUnixFileMode(file, mode);
        var refused = Assert.Throws<InvalidOperationException>(() => AdminKey.From(Configuration(folder)));
        Assert.Contains(file, refused.Message);
        Assert.Contains($"mode {octal}", refused.Message);
        Assert.Equal("an-old-key-someone-may-have-read", File.ReadAllText(file));
    }

    private static IConfiguration Configuration(string folder) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["VZ_DATA_DIR"] = folder })
            .Build();
}
