using Dapper;
using IsoDienTu.Engine.Runtime;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>One hand-over of the process control sheet (TT 01/2018 Mẫu 05; TT 03/2025 Mẫu 06).</summary>
public sealed record ControlSheetRow(
    int No,
    string Step,
    string ElementId,
    string? FromUser,
    string? ToUnit,
    string? ToRole,
    string? ToUser,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? DoneAt,
    string? DoneBy,
    string? Outcome,
    string? Comment,
    string? Result,
    string? Note);

/// <summary>Renders the control sheet on demand from the append-only journal: the journal is the record.</summary>
public static class ControlSheet
{
    public static async Task<IReadOnlyList<ControlSheetRow>> BuildAsync(NpgsqlConnection connection, long dossierId)
    {
        var entries = await connection.QueryAsync<(DateTimeOffset At, string? Actor, string Events)>(
            "select at, actor, events::text from journal where dossier_id = @dossierId order by revision", new { dossierId });
        var rows = new List<ControlSheetRow>();
        var open = new Dictionary<long, int>();
        foreach (var (at, actor, json) in entries)
        {
            foreach (var e in EngineJson.Deserialize<List<EngineEvent>>(json))
            {
                switch (e)
                {
                    case TaskCreated created:
                        var t = created.Task;
                        open[t.Id] = rows.Count;
                        rows.Add(new ControlSheetRow(rows.Count + 1, t.Name, t.ElementId, actor, t.Assignment.Unit, t.Assignment.Role,
                            t.Assignment.Assignee, at, t.DueAt, null, null, null, null, null, null));
                        break;
                    case TaskCompleted completed when open.Remove(completed.TaskId, out var i):
                        rows[i] = rows[i] with
                        {
                            DoneAt = at,
                            DoneBy = completed.CompletedBy ?? actor,
                            ToUser = rows[i].ToUser ?? completed.CompletedBy ?? actor,
                            Outcome = completed.Outcome,
                            Comment = completed.Comment,
                            Result = StepResult.Of(at, rows[i].DueAt),
                        };
                        break;
                    case TaskCancelled cancelled when open.Remove(cancelled.TaskId, out var j):
                        rows[j] = rows[j] with { DoneAt = at, Note = cancelled.Reason };
                        break;
                }
            }
        }

        return rows;
    }
}
