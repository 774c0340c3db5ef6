namespace VisionZero.Client;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int BadInput = 2;
    public const int NoCluster = 3;
    public const int JobFailed = 4;
    public const int StorageFailed = 5;
}
