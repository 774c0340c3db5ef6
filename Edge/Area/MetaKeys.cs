namespace VisionZero.Edge.Area;

/// <summary>The keys of the store's meta table.</summary>
internal static class MetaKeys
{
    public const string Area = "area";
    public const string Generation = "generation";
    public const string AsOf = "as_of";
    public const string LastSync = "last_sync";
    public const string ModelVersion = "model_version";
    public const string DeviceId = "device_id";
}
