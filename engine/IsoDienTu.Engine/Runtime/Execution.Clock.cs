using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    private void StartClock(DateTimeOffset receivedAt, ReceptionChannel channel)
    {
        var procedure = _definition.Procedure;
        DateTimeOffset? due = procedure.Deadline is { } deadline
            ? _calendar.StatutoryDueTime(receivedAt, deadline, channel, procedure.Cutoff)
            : null;
        _clock = new DossierClock
        {
            ReceivedAt = receivedAt,
            Channel = channel,
            DueAt = due,
            OriginalDueAt = due,
            History = due is { } d ? [new DueChange(_now, d, "received")] : [],
        };
    }

    /// <summary>
    /// The statutory clock stops while any token rests on an excluded element (<c>iso:clock="excluded"</c>: tax,
    /// public display) or waits for the applicant's supplement. When it runs again it either resumes with the time
    /// that was left, or — after a complete supplement under <c>iso:supplementClock="restart"</c> — counts the whole
    /// statutory time afresh (Decree 297/2025 art. 6(4)). Earlier due times stay in the history.
    /// </summary>
    private void UpdateClock()
    {
        if (_clock.DueAt is not { } due || _clock.ReceivedAt is null)
        {
            return;
        }

        var restart = _supplementDelivered && _definition.Procedure.SupplementClock == SupplementClock.Restart;
        var stopped = _status == InstanceStatus.Active && _tokens.Exists(t => StopsClock(_definition.Node(t.ElementId)));
        var wasStopped = _clock.PausedSince is not null;
        if (stopped && !wasStopped)
        {
            _clock = _clock with { PausedSince = _now, RestartOnResume = restart };
            Emit(new ClockStopped(due));
        }
        else if (stopped && restart)
        {
            _clock = _clock with { RestartOnResume = true };
        }
        else if (!stopped && (wasStopped || restart))
        {
            var newDue = restart || _clock.RestartOnResume
                ? _calendar.StatutoryDueTime(_now, _definition.Procedure.Deadline!.Value, _clock.Channel, _definition.Procedure.Cutoff)
                : Resume(due, _calendar.WorkingTimeBetween(_clock.PausedSince!.Value, _now));
            var restarted = restart || _clock.RestartOnResume;
            _clock = _clock with
            {
                DueAt = newDue,
                PausedSince = null,
                RestartOnResume = false,
                History = _clock.History.Add(new DueChange(_now, newDue, restarted ? "supplement complete: time counted afresh" : "resumed")),
            };
            Emit(new ClockResumed(newDue, restarted));
        }
    }

    /// <summary>The due time moved by the working time the clock stood still; no working time, no move (adding zero
    /// would otherwise carry a 17:00 due time to the next morning).</summary>
    private DateTimeOffset Resume(DateTimeOffset due, TimeSpan stood) =>
        stood > TimeSpan.Zero ? _calendar.AddWorkingTime(due, stood) : due;

    private static bool StopsClock(FlowNode node) =>
        node.ClockExcluded || node is IntermediateCatchEvent { IsSupplementWait: true };
}
