namespace VisionZero.Client;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int BadInput = 2;

    /// <summary>No cluster answered, or vz lost it while the command ran.</summary>
    public const int NoCluster = 3;

    public const int JobFailed = 4;
    public const int StorageFailed = 5;

    /// <summary>Ctrl-C (SIGINT): 128 + the signal's number, the shell's convention.</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
