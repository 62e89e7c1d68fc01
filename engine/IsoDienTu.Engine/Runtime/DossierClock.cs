using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// The dossier's statutory clock: when it is due, whether it is stopped (supplement wait, excluded intervals such
/// as tax), and every due time it has had. <see cref="DueAt"/> is the statutory due time the statistics judge
/// against (moved by a stop, counted afresh after a complete supplement); an apology's new appointment is the
/// dossier's, never the clock's. <see cref="OriginalDueAt"/> is the first due time, kept for the history.
/// </summary>
public sealed record DossierClock
{
    public static readonly DossierClock None = new();

    public DateTimeOffset? ReceivedAt { get; init; }
    public ReceptionChannel Channel { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    /// <summary>Set while the clock is stopped.</summary>
    public DateTimeOffset? PausedSince { get; init; }
    /// <summary>A complete supplement arrived while another exclusion still held the clock: restart on resume.</summary>
    public bool RestartOnResume { get; init; }
    public ImmutableArray<DueChange> History { get; init; } = [];
}

public sealed record DueChange(DateTimeOffset At, DateTimeOffset DueAt, string Reason);
