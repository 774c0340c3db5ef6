using System.Security.Cryptography;
using System.Text;

namespace VisionZero.Silo.Web;

/// <summary>
/// The one secret that opens admin endpoints and both dashboards: VZ_ADMIN_KEY from configuration or
/// the environment; without it, the key in $VZ_DATA_DIR/admin-key (its path is printed, the key never
/// is). That file is reused across restarts when it is private (mode 0600, not a link) and holds a key,
/// so operators' scripts keep working; it is generated when missing or empty; a silo refuses to start
/// when the file is readable or writable by others. Delete the file to rotate the key.
/// </summary>
public sealed class AdminKey
{
    public const string FileName = "admin-key";
    public const int MinLength = 16;
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly byte[] _key;

    private AdminKey(string key, string? file)
    {
        _key = Encoding.UTF8.GetBytes(key);
        File = file;
    }

    /// <summary>Where a generated key was written; null when it came from configuration.</summary>
    public string? File { get; }

    /// <summary>The header for the silo's own requests to its API (the staging load test).</summary>
    public System.Net.Http.Headers.AuthenticationHeaderValue Bearer() => new("Bearer", Encoding.UTF8.GetString(_key));

    public static AdminKey From(IConfiguration configuration)
    {
        if (configuration["VZ_ADMIN_KEY"] is { Length: > 0 } configured)
        {
            if (configured.Length < MinLength)
                throw new ArgumentException("VZ_ADMIN_KEY must be at least 16 characters long");
            return new AdminKey(configured, null);
        }
        var folder = configuration["VZ_DATA_DIR"] is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
                Environment.SpecialFolderOption.Create), "vision-zero");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        return new AdminKey(ExistingKey(path) ?? WriteNewKey(path), path);
    }

    /// <summary>
    /// The key in an existing private file, or null when there is none (or it holds no usable key). A file
    /// that others could read or write, or a symbolic link, is refused: the key may already be known.
    /// </summary>
    private static string? ExistingKey(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return null;
        if (info.LinkTarget is not null)
            throw new InvalidOperationException(
                $"The admin key file {path} is a symbolic link; remove it (a new key is then generated).");
        if (!OperatingSystem.IsWindows() && (info.UnixFileMode & ~PrivateMode) != 0)
            throw new InvalidOperationException(
                $"The admin key file {path} has mode {Octal(info.UnixFileMode)}, wider than 0600: " +
                "others may have read the key. " +
                "Remove the file (a new key is then generated) or chmod 600 it if the key is known to be safe.");
        var key = System.IO.File.ReadAllText(path).Trim();
        return key.Length >= MinLength ? key : null;
    }

    /// <summary>
    /// A new random key, written to a temporary file created 0600 in the same folder (never readable by others,
    /// not even empty) and renamed over the key file, so no reader ever sees a partial key.
    /// </summary>
    private static string WriteNewKey(string path)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = PrivateMode;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(key));
                stream.Flush(flushToDisk: true);
            }
            System.IO.File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (System.IO.File.Exists(path) && System.IO.File.Exists(temporary))
        {
            // Another silo sharing the folder got there first: use its key. An unusable file is replaced.
            if (ExistingKey(path) is { } theirs)
                return theirs;
            System.IO.File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
        return key;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);

    /// <summary>Constant-time comparison: the time taken says nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
