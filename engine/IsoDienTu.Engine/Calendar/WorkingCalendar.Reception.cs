namespace IsoDienTu.Engine.Calendar;

/// <summary>Statutory deadlines of dossiers: when counting starts and when the dossier is due (DOMAIN.md §2).</summary>
public sealed partial class WorkingCalendar
{
    /// <summary>
    /// When the statutory count starts (DOMAIN.md §2): the receipt instant itself during office hours; the next
    /// office period if received before opening or over lunch; the start of the next working day if received on a
    /// non-working day, after close, at or after <paramref name="sameDayCutoff"/>, or (online) at or after the
    /// policy's online close or within its final window of the day.
    /// </summary>
    public DateTimeOffset EffectiveReceipt(
        DateTimeOffset receivedAt,
        ReceptionChannel channel,
        TimeOnly? sameDayCutoff,
        ReceptionPolicy? policy = null)
    {
        policy ??= ReceptionPolicy.Default;
        var local = VietnamTime.ToLocal(receivedAt);
        var day = VietnamTime.DateOf(local);
        var time = VietnamTime.TimeOf(local);
        var nextDay = !IsWorkingDay(day)
            || time >= Hours.Closing
            || (sameDayCutoff is { } cutoff && time >= cutoff)
            || (channel == ReceptionChannel.Online
                && (time >= policy.OnlineClose || WorkingTimeBetween(local, EndOfWorkingDay(day)) <= policy.OnlineFinalWindow));
        return nextDay ? StartOfWorkingDay(NextWorkingDay(day)) : NextWorkingInstant(local);
    }

    /// <summary>
    /// The dossier's statutory due time. From the effective receipt (see <see cref="EffectiveReceipt"/>) on day D:
    /// N working days are due at the close of office hours of the N-th working day after D (Civil Code 2015
    /// arts. 147–148: a period in days starts the day after the event); <c>P0D</c> at the close of D; pure hours are
    /// exact working time from the effective receipt instant (a period in hours starts at the moment). Days and
    /// hours together: the day rule, then the hours counted from the start of the next working day.
    /// </summary>
    public DateTimeOffset StatutoryDueTime(
        DateTimeOffset receivedAt,
        WorkingDuration deadline,
        ReceptionChannel channel,
        TimeOnly? sameDayCutoff,
        ReceptionPolicy? policy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deadline.Days, nameof(deadline));
        var effective = EffectiveReceipt(receivedAt, channel, sameDayCutoff, policy);
        var receiptDay = VietnamTime.DateOf(effective);
        if (deadline.Days == 0)
        {
            return deadline.Time > TimeSpan.Zero ? AddWorkingTime(effective, deadline.Time) : EndOfWorkingDay(receiptDay);
        }

        var dueDay = EndOfWorkingDay(AddWorkingDays(receiptDay, deadline.Days));

        // From the close of the due day, working time resumes at the start of the next working day.
        return deadline.Time > TimeSpan.Zero ? AddWorkingTime(dueDay, deadline.Time) : dueDay;
    }
}
