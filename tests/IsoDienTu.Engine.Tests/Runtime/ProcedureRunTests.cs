using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests.Runtime;

public class ProcedureRunTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Vn);

    [Fact]
    public void Start_ComputesStatutoryDueAndStepDue_InWorkingTime()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();

        h.State.Clock.DueAt.ShouldBe(At(3, 5, 17));
        // 4 working hours from Mon 08:00: 3.5 h until the 11:30 break, 0.5 h after 13:30.
        h.Task("reception").DueAt.ShouldBe(At(3, 2, 14));
        h.Task("reception").Assignment.Unit.ShouldBe("MC");
        h.Task("reception").Assignment.Role.ShouldBe("receiver");
    }

    [Fact]
    public void HappyPath_RunsToTheEnd_WithTaxExcludedFromTheClock()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        h.Complete("reception");
        h.Complete("examine", "approve");
        h.Complete("sign", "approve");
        h.State.Clock.PausedSince.ShouldBe(At(3, 2, 8)); // the clock stops while the tax step is open
        h.State.Status.ShouldBe(InstanceStatus.Active);

        h.AdvanceTo(At(3, 3, 9));
        h.Complete("tax");
        h.State.Clock.PausedSince.ShouldBeNull();
        h.Events.OfType<ClockStopped>().ShouldHaveSingleItem();

        h.AdvanceTo(At(3, 3, 10));
        h.Complete("handOver");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        h.State.Tasks.ShouldBeEmpty();
    }

    [Fact]
    public void ExcludedStep_ExtendsDueByTheWorkingTimeItTook()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        h.Complete("reception").Complete("examine", "approve").Complete("sign", "approve");

        h.AdvanceTo(At(3, 4, 8)); // the tax step opened Mon 08:00 and closes Wed 08:00: 2 days' working time
        h.Complete("tax");

        h.State.Clock.DueAt.ShouldBe(At(3, 9, 17));
        h.State.Clock.OriginalDueAt.ShouldBe(At(3, 5, 17));
    }

    [Fact]
    public void Supplement_Restart_CountsTheWholeTimeAfreshFromTheCompleteSupplement()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        h.Complete("reception");
        h.AdvanceTo(At(3, 3, 10));
        h.Complete("examine", "supplement");
        h.State.ActiveElementIds.ShouldBe(["waitSupplement"]);
        h.State.Clock.PausedSince.ShouldBe(At(3, 3, 10));

        h.AdvanceTo(At(3, 6, 9));
        h.Message("supplement", new { documents = new[] { "CCCD" } });

        h.TaskIds.ShouldBe(["examine"]);
        h.State.Clock.DueAt.ShouldBe(At(3, 11, 17));
        h.State.Clock.OriginalDueAt.ShouldBe(At(3, 5, 17));
        h.State.Clock.History.Select(c => c.DueAt).ShouldBe([At(3, 5, 17), At(3, 11, 17)]);
        h.Events.OfType<ClockResumed>().ShouldHaveSingleItem().Restarted.ShouldBeTrue();
    }

    [Fact]
    public void Supplement_Pause_ResumesWithTheTimeThatWasLeft()
    {
        var h = Harness.FromXml(Procedures.Licence("pause"), At(3, 2, 8)).Start();
        h.Complete("reception");
        h.AdvanceTo(At(3, 3, 10));
        h.Complete("examine", "supplement");
        h.AdvanceTo(At(3, 6, 9));

        h.Message("supplement");

        // Stopped Tue 10:00 → Fri 09:00 = 21.5 working hours, added to Thu 17:00.
        h.State.Clock.DueAt.ShouldBe(At(3, 10, 16));
        h.Events.OfType<ClockResumed>().ShouldHaveSingleItem().Restarted.ShouldBeFalse();
    }

    [Fact]
    public void Refuse_EndsTheInstance()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        h.Complete("reception").Complete("examine", "refuse");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        h.State.Tokens.ShouldBeEmpty();
    }

    [Fact]
    public void Complete_OutcomeNotOffered_IsRefusedAndChangesNothing()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start().Complete("reception");
        var before = EngineJson.Serialize(h.State);

        var error = Should.Throw<EngineException>(() => h.Complete("examine", "maybe"));

        error.Code.ShouldBe(EngineError.InvalidOutcome);
        error.ElementId.ShouldBe("examine");
        EngineJson.Serialize(h.State).ShouldBe(before);
    }

    [Fact]
    public void Complete_TaskAlreadyCompleted_IsRefused()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        var reception = h.Task("reception");
        h.Complete("reception");

        Should.Throw<EngineException>(() => h.Run(new CompleteTask(reception.Id))).Code.ShouldBe(EngineError.TaskNotFound);
    }

    [Fact]
    public void Message_NobodyWaiting_IsRefused()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        Should.Throw<EngineException>(() => h.Message("supplement")).Code.ShouldBe(EngineError.NoWaitingReceiver);
    }

    [Fact]
    public void Cancel_CancelsOpenTasksAndEnds()
    {
        var h = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start();
        var reception = h.Task("reception");
        var decision = h.Run(new CancelInstance("withdrawn by the applicant"));

        decision.Effects.OfType<CancelTaskEffect>().ShouldHaveSingleItem().TaskId.ShouldBe(reception.Id);
        h.State.Status.ShouldBe(InstanceStatus.Cancelled);
        Should.Throw<EngineException>(() => h.Run(new CompleteTask(reception.Id))).Code.ShouldBe(EngineError.InstanceNotActive);
    }

    [Fact]
    public void Decide_IsDeterministic_SameInputsSameDecision()
    {
        var a = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start().Complete("reception");
        var b = Harness.FromXml(Procedures.Licence(), At(3, 2, 8)).Start().Complete("reception");
        EngineJson.Serialize(a.State).ShouldBe(EngineJson.Serialize(b.State));
        EngineJson.Serialize(a.Events).ShouldBe(EngineJson.Serialize(b.Events));
    }
}
