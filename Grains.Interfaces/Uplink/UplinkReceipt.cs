namespace VisionZero.Uplink;

/// <summary>
/// The grid's answer to a batch. Confirmed is the highest sequence number below which nothing is missing
/// (stored, or dropped by the device): the edge deletes its entries up to it. A retried batch changes nothing
/// and gets the same Confirmed, its entries counted as AlreadyStored.
/// </summary>
[GenerateSerializer, Immutable, Alias("vz.UplinkReceipt")]
public sealed record UplinkReceipt(
    [property: Id(0)] long Confirmed,
    [property: Id(1)] int Stored,
    [property: Id(2)] int AlreadyStored);
