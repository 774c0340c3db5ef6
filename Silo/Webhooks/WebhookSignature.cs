using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VisionZero.Silo.Webhooks;

/// <summary>
/// The X-VZ-Signature header: "t=UNIX-SECONDS,v1=HEX", where HEX is HMAC-SHA256 with the shared secret over
/// "UNIX-SECONDS." followed by the body's bytes. The time is signed too, so a receiver can refuse old replays.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-VZ-Signature";

    public static string Sign(byte[] secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Hex(secret, unixSeconds, body)}");

    /// <summary>Whether the header signs this body with this secret (compared in constant time).</summary>
    public static bool Verify(byte[] secret, string header, ReadOnlySpan<byte> body, out long unixSeconds)
    {
        unixSeconds = 0;
        var parts = header.Split(',');
        if (parts.Length != 2 || !parts[0].StartsWith("t=", StringComparison.Ordinal)
            || !parts[1].StartsWith("v1=", StringComparison.Ordinal)
            || !long.TryParse(parts[0][2..], NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds))
            return false;
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hex(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(parts[1][3..]));
    }

    private static string Hex(byte[] secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }
}
