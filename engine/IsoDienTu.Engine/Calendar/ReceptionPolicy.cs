namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// Configurable reception cut-offs for online dossiers (DOMAIN.md §2 [S R12, R14, R31, R32, R44]; defaults are
/// policy): an online dossier received at or after <see cref="OnlineClose"/>, or within the last
/// <see cref="OnlineFinalWindow"/> of working time of the day, counts from the start of the next working day.
/// </summary>
public sealed record ReceptionPolicy(TimeOnly OnlineClose, TimeSpan OnlineFinalWindow)
{
    /// <summary>17:00 and the last working hour.</summary>
    public static ReceptionPolicy Default { get; } = new(new TimeOnly(17, 0), TimeSpan.FromHours(1));
}
