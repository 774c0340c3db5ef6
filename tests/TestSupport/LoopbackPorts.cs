namespace VisionZero.TestSupport;

/// <summary>
/// Fixed ports for test processes. They must lie below Linux's ephemeral range (32768-60999), where any
/// outgoing connection of a parallel test (to PostgreSQL, to a gateway) may already hold the port and make a
/// silo fail to bind at random.
/// </summary>
public static class LoopbackPorts
{
    public const int EphemeralStart = 32768;

    public static void RequireFixed(params int[] ports)
    {
        foreach (var port in ports)
            if (port is < 1024 or >= EphemeralStart)
                throw new ArgumentOutOfRangeException(nameof(ports), port,
                    $"test port {port} must be within 1024-{EphemeralStart - 1}: above it the kernel hands ports " +
                    "to outgoing connections");
    }
}
