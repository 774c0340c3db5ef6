namespace VisionZero.Uplink;

/// <summary>
/// What a device id may be: 1 to 64 ASCII letters, digits, '.', '_' or '-' (the edge makes "edge-" and 12 hex
/// digits). The grid, vz and the edge check with the same rule, so a hostile id (empty, huge, control
/// characters, quotes) is refused by name before it reaches a grain key, a table or a terminal.
/// </summary>
public static class EdgeDeviceIds
{
    public const int MaxLength = 64;

    /// <summary>What is wrong with the id, or null when it is a device id.</summary>
    public static string? Problem(string? id)
    {
        const string rule = "a device id is 1 to 64 letters, digits, '.', '_' or '-'";
        if (string.IsNullOrEmpty(id))
            return $"{rule}; this one is empty";
        if (id.Length > MaxLength)
            return $"{rule}; this one is {id.Length} characters long";
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
                continue;
            // A control or non-ASCII character is named by its code, never printed as it is.
            var shown = c is > ' ' and < '\u007f' ? $"'{c}'" : $"U+{(int)c:X4}";
            return $"{rule}; this one holds {shown} at position {i + 1}";
        }
        return null;
    }
}
