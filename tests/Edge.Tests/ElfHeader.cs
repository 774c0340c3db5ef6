using System.Buffers.Binary;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The fields of an ELF file's header that say which machine it runs on: the class (32 or 64 bits) and byte
/// order in e_ident, and e_machine at offset 18, in the file's own byte order.
/// </summary>
internal sealed record ElfHeader(bool Is64Bit, bool LittleEndian, ushort Machine)
{
    public const ushort X86_64 = 62;
    public const ushort AArch64 = 183;

    public bool IsAArch64 => Is64Bit && LittleEndian && Machine == AArch64;

    /// <summary>The header of the file at <paramref name="path"/>, or null when the file is not ELF.</summary>
    public static ElfHeader? Read(string path)
    {
        Span<byte> head = stackalloc byte[20];
        using (var file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
                return null;
        }
        if (head[0] != 0x7F || head[1] != (byte)'E' || head[2] != (byte)'L' || head[3] != (byte)'F')
            return null;
        var littleEndian = head[5] == 1;
        var machine = littleEndian
            ? BinaryPrimitives.ReadUInt16LittleEndian(head[18..])
            : BinaryPrimitives.ReadUInt16BigEndian(head[18..]);
        return new ElfHeader(head[4] == 2, littleEndian, machine);
    }
}
