using VisionZero.Models;

namespace VisionZero.Edge.Store;

public sealed partial class EdgeStore
{
    /// <summary>
    /// Keeps an evaluation to upload: one per version and cutoff, so evaluating a cutoff again replaces it and
    /// makes it pending again.
    /// </summary>
    public void SaveEvaluation(EdgeEvaluation evaluation)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO evaluation (version, cutoff, report, uploaded) " +
            "VALUES ($version, $cutoff, $report, 0)";
        command.Parameters.AddWithValue("$version", evaluation.Version);
        command.Parameters.AddWithValue("$cutoff", evaluation.Cutoff.ToString("O"));
        command.Parameters.AddWithValue("$report", ModelInfoJson.Serialize(evaluation));
        command.ExecuteNonQuery();
    }

    /// <summary>The evaluations the registry does not have yet, oldest cutoff first.</summary>
    public List<EdgeEvaluation> PendingEvaluations()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT report FROM evaluation WHERE uploaded = 0 ORDER BY version, cutoff";
        using var reader = command.ExecuteReader();
        var pending = new List<EdgeEvaluation>();
        while (reader.Read())
            pending.Add(ModelInfoJson.DeserializeEvaluation(reader.GetString(0)));
        return pending;
    }

    /// <summary>
    /// Marks an evaluation as held by the registry (or refused by it for good): it is not sent again.
    /// </summary>
    public void MarkEvaluationSent(EdgeEvaluation evaluation)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE evaluation SET uploaded = 1 WHERE version = $version AND cutoff = $cutoff";
        command.Parameters.AddWithValue("$version", evaluation.Version);
        command.Parameters.AddWithValue("$cutoff", evaluation.Cutoff.ToString("O"));
        command.ExecuteNonQuery();
    }
}
