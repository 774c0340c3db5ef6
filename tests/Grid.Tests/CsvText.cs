namespace VisionZero.Grid.Tests;

/// <summary>Small hand-made exports in the current portal schema.</summary>
internal static class CsvText
{
    public const string Header =
        "CRASH DATE,CRASH TIME,BOROUGH,ZIP CODE,LATITUDE,LONGITUDE,LOCATION," +
        "ON STREET NAME,CROSS STREET NAME,OFF STREET NAME," +
        "NUMBER OF PERSONS INJURED,NUMBER OF PERSONS KILLED," +
        "NUMBER OF PEDESTRIANS INJURED,NUMBER OF PEDESTRIANS KILLED," +
        "NUMBER OF CYCLIST INJURED,NUMBER OF CYCLIST KILLED,NUMBER OF MOTORIST INJURED,NUMBER OF MOTORIST KILLED," +
        "CONTRIBUTING FACTOR VEHICLE 1,CONTRIBUTING FACTOR VEHICLE 2,CONTRIBUTING FACTOR VEHICLE 3," +
        "CONTRIBUTING FACTOR VEHICLE 4,CONTRIBUTING FACTOR VEHICLE 5," +
        "COLLISION_ID,VEHICLE TYPE CODE 1,VEHICLE TYPE CODE 2,VEHICLE TYPE CODE 3,VEHICLE TYPE CODE 4," +
        "VEHICLE TYPE CODE 5";

    public static string Row(
        long id,
        string date,
        string on,
        string cross,
        string lat = "",
        string lon = "",
        int injured = 0) =>
        $"{date},12:00,BROOKLYN,11234,{lat},{lon},,\"{on}\",\"{cross}\",," +
        $"{injured},0,0,0,0,0,{injured},0,Unspecified,,,,,{id},Sedan,,,,";

    public static Stream Export(params string[] rows) =>
        new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n"));
}
