namespace VisionZero.Edge.Gps;

/// <summary>The NMEA 0183 checksum: the XOR of the characters between <c>$</c> and <c>*</c>, as hex.</summary>
internal static class NmeaChecksum
{
    /// <summary>The sentence's body (between <c>$</c> and <c>*</c>) when its checksum is present and matches.</summary>
    public static bool TryVerify(string sentence, out string body)
    {
        body = "";
        var star = sentence.LastIndexOf('*');
        if (star < 1 || sentence.Length != star + 3)
            return false;
        if (!TryHexDigit(sentence[star + 1], out var high) || !TryHexDigit(sentence[star + 2], out var low))
            return false;
        if (Compute(sentence.AsSpan(1, star - 1)) != (high << 4 | low))
            return false;
        body = sentence[1..star];
        return true;
    }

    public static int Compute(ReadOnlySpan<char> body)
    {
        var checksum = 0;
        foreach (var c in body)
            checksum ^= c;
        return checksum;
    }

    private static bool TryHexDigit(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
