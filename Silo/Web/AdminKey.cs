using System.Security.Cryptography;
using System.Text;

namespace VisionZero.Silo.Web;

/// <summary>
/// The one secret that opens admin endpoints and both dashboards: VZ_ADMIN_KEY from configuration or
/// the environment; without it, a random key generated at start-up and written to a file only this
/// user can read (its path is printed, the key never is).
/// </summary>
public sealed class AdminKey
{
    private readonly byte[] _key;

    private AdminKey(string key, string? file)
    {
        _key = Encoding.UTF8.GetBytes(key);
        File = file;
    }

    /// <summary>Where a generated key was written; null when it came from configuration.</summary>
    public string? File { get; }

    public static AdminKey From(IConfiguration configuration)
    {
        if (configuration["VZ_ADMIN_KEY"] is { Length: > 0 } configured)
        {
            if (configured.Length < 16)
                throw new ArgumentException("VZ_ADMIN_KEY must be at least 16 characters long");
            return new AdminKey(configured, null);
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var folder = configuration["VZ_DATA_DIR"] is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "vision-zero");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "admin-key");
        // Created empty and private first, then written: the key is never readable by others, even briefly.
        System.IO.File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.WriteAllText(path, key);
        return new AdminKey(key, path);
    }

    /// <summary>Constant-time comparison: the time taken says nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
