using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests.Runtime;

/// <summary>
/// The behaviours the Operaton and Flowable test suites expect of their own models
/// (Fixtures/engine-tests/README.md), run through our interpreter with time passed in.
/// </summary>
public class EngineCorpusTests
{
    [Fact]
    public void InterruptingBoundaryTimers_EarliestFires_CancelsTaskAndOtherTimers()
    {
        var h = Harness.FromFixture("01-usertask-3-interrupting-boundary-timers.bpmn").Start();
        h.State.Timers.Length.ShouldBe(3);

        h.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));

        h.State.Timers.ShouldBeEmpty();
        h.TaskIds.ShouldBe(["thirdTask"]);
        h.Effects.OfType<CancelTaskEffect>().Count().ShouldBe(1);
    }

    [Fact]
    public void NonInterruptingBoundaryTimers_AddEscalationTasks_ProcessEndsWhenAllBranchesDone()
    {
        var h = Harness.FromFixture("02-usertask-2-noninterrupting-boundary-timers.bpmn").Start();

        h.Advance(TimeSpan.FromHours(1));
        h.TaskIds.ShouldBe(["firstTask", "secondTask"]);
        h.State.Timers.Length.ShouldBe(1);

        h.Advance(TimeSpan.FromHours(1));
        h.TaskIds.ShouldBe(["firstTask", "secondTask", "thirdTask"]);

        h.Complete("firstTask").Complete("secondTask");
        h.State.Status.ShouldBe(InstanceStatus.Active);
        h.Complete("thirdTask");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void CycleTimer_RepeatsHourly_StopsWhenTaskCompleted()
    {
        var h = Harness.FromFixture("03-usertask-noninterrupting-cycle-timer-R-PT1H.bpmn").Start();

        h.Advance(TimeSpan.FromHours(1));
        h.State.Tasks.Count(t => t.ElementId == "timerFiredTask").ShouldBe(1);
        h.Advance(TimeSpan.FromHours(1));
        h.State.Tasks.Count(t => t.ElementId == "timerFiredTask").ShouldBe(2);

        h.Complete("task");
        h.State.Timers.ShouldBeEmpty();
        h.Advance(TimeSpan.FromHours(5));
        h.State.Tasks.Count(t => t.ElementId == "timerFiredTask").ShouldBe(2);
    }

    [Fact]
    public void NonInterruptingTimerEventSubProcess_CronCycle_RearmsWithNewTimer()
    {
        var h = Harness.FromFixture("04-noninterrupting-timer-event-subprocess-cron.bpmn").Start();
        var first = h.State.Timers.ShouldHaveSingleItem();
        first.DueAt.Minute.ShouldBe(5);

        h.AdvanceTo(first.DueAt);

        var second = h.State.Timers.ShouldHaveSingleItem();
        second.Id.ShouldNotBe(first.Id);
        second.DueAt.ShouldBe(first.DueAt.AddMinutes(5));
        h.TaskIds.ShouldBe(["userTask", "userTask2"]);
    }

    [Fact]
    public void ParallelGateway_ForkJoin_ArchiveAfterBoth()
    {
        var h = Harness.FromFixture("05-parallel-gateway-fork-join.bpmn").Start();
        h.TaskIds.ShouldBe(["receivePayment", "shipOrder"]);

        h.Complete("receivePayment");
        h.TaskIds.ShouldBe(["shipOrder"]);
        h.Complete("shipOrder");

        h.TaskIds.ShouldBe(["archiveOrder"]);
    }

    [Theory]
    [InlineData(1, "theTask1")]
    [InlineData(3, "theTask3")]
    [InlineData(5, "theTask2")]
    public void ExclusiveGateway_ConditionsAndDefault(int input, string expected)
    {
        var h = Harness.FromFixture("06-exclusive-gateway-conditions-default-flow.bpmn").Start(new { input });
        h.TaskIds.ShouldBe([expected]);
    }

    [Fact]
    public void InclusiveGateway_SplitMerge_WaitsForAllTakenPaths()
    {
        var h = Harness.FromFixture("07-inclusive-gateway-split-merge.bpmn").Start(new { input = 1 });
        h.TaskIds.ShouldBe(["theTask1", "theTask2"]);

        h.Complete("theTask1");
        h.TaskIds.ShouldBe(["theTask2"]);
        h.Complete("theTask2");

        h.TaskIds.ShouldBe(["theTask3"]);
    }

    [Fact]
    public void EventBasedGateway_SignalFirst_CancelsTimer()
    {
        var h = Harness.FromFixture("08-event-based-gateway-signal-vs-timer.bpmn").Start();
        h.State.Subscriptions.ShouldHaveSingleItem().Name.ShouldBe("alert");
        h.State.Timers.Length.ShouldBe(1);

        h.Signal("alert");

        h.State.Subscriptions.ShouldBeEmpty();
        h.State.Timers.ShouldBeEmpty();
        h.TaskIds.ShouldBe(["task2"]);
        h.Task("task2").Assignment.Assignee.ShouldBe("kermit");
    }

    [Fact]
    public void SignalThrownByAnotherProcess_ReachesTheWaitingGateway()
    {
        var thrower = Harness.FromFixture("08b-throw-alert-signal.bpmn").Start();
        var signal = thrower.Effects.OfType<PublishSignalEffect>().ShouldHaveSingleItem();
        thrower.State.Status.ShouldBe(InstanceStatus.Completed);

        var catcher = Harness.FromFixture("08-event-based-gateway-signal-vs-timer.bpmn").Start();
        catcher.Signal(signal.SignalName);

        catcher.TaskIds.ShouldBe(["task2"]);
    }

    [Fact]
    public void EventBasedGateway_TimerFirst_CancelsSignalWait()
    {
        var h = Harness.FromFixture("08-event-based-gateway-signal-vs-timer.bpmn").Start();

        h.Advance(TimeSpan.Zero);

        h.State.Subscriptions.ShouldBeEmpty();
        h.TaskIds.ShouldBe(["task1"]);
    }

    [Fact]
    public void CallActivity_BoundaryTimer_CancelsChildAndEscalates()
    {
        var h = Harness.FromFixture("09-call-activity-with-boundary-timer.bpmn").Start();
        var call = h.Effects.OfType<StartCallEffect>().ShouldHaveSingleItem();
        call.CalledElement.ShouldBe("simpleSubProcess");

        h.Advance(TimeSpan.FromMinutes(5));

        h.Effects.OfType<CancelCallEffect>().ShouldHaveSingleItem().CallId.ShouldBe(call.CallId);
        h.TaskIds.ShouldBe(["escalatedTask"]);
        h.Complete("escalatedTask");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void CallActivity_ChildCompletes_ParentContinues()
    {
        var child = Harness.FromFixture("09b-called-simple-subprocess.bpmn").Start();
        child.TaskIds.ShouldBe(["task"]);
        child.Complete("task");
        child.State.Status.ShouldBe(InstanceStatus.Completed);

        var parent = Harness.FromFixture("09-call-activity-with-boundary-timer.bpmn").Start();
        var call = parent.Effects.OfType<StartCallEffect>().Single();
        parent.Run(new CompleteCall(call.CallId));

        parent.State.Timers.ShouldBeEmpty();
        parent.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void MultiInstanceParallel_Collection_CompletionConditionCancelsRest()
    {
        var assignees = new[] { "kermit", "gonzo", "fozzie", "mispiggy", "animal" };
        var h = Harness.FromFixture("10-mi-parallel-usertask-collection-completion-condition.bpmn").Start(new { assigneeList = assignees });
        h.State.Tasks.Select(t => t.Assignment.Assignee).ShouldBe(assignees);
        h.State.Tasks.Select(t => t.LoopCounter).ShouldBe([0, 1, 2, 3, 4]);

        h.Complete(h.State.Tasks[0]).Complete(h.State.Tasks[0]);
        h.State.Tasks.Length.ShouldBe(3);
        h.Complete(h.State.Tasks[0]);

        h.State.Tasks.ShouldBeEmpty();
        h.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void EscalationThrow_InterruptingBoundary_CancelsSubProcess()
    {
        var h = Harness.FromFixture("11-escalation-throw-interrupting-boundary.bpmn").Start();
        h.TaskIds.ShouldBe(["taskAfterCatchedEscalation"]);
        h.Events.OfType<EscalationRaised>().ShouldHaveSingleItem().CaughtBy.ShouldBe("escalationBoundaryEvent");
    }

    [Fact]
    public void EscalationInMultiInstanceSubProcess_NonInterruptingBoundary_TenTasks()
    {
        var h = Harness.FromFixture("12-escalation-noninterrupting-boundary-on-mi-subprocess.bpmn").Start();
        h.State.Tasks.Length.ShouldBe(10);
        h.State.Tasks.Count(t => t.ElementId == "taskAfterCatchedEscalation").ShouldBe(5);
        h.State.Tasks.Count(t => t.ElementId == "taskInSubprocess").ShouldBe(5);
    }

    [Fact]
    public void CandidateGroups_ResolvedOnTask()
    {
        var h = Harness.FromFixture("13-usertask-candidate-groups.bpmn").Start();
        h.Task("theTask").Assignment.CandidateGroups.ShouldBe(["management", "accountancy"]);
    }

    [Fact]
    public void NonInterruptingMessageBoundary_TerminateEndInside_EndsOnlySubProcess()
    {
        var h = Harness.FromFixture("14-message-noninterrupting-boundary-on-subprocess-terminate.bpmn").Start();
        h.Message("firstMessage");
        h.TaskIds.ShouldBe(["innerTask", "task1"]);

        h.Complete("innerTask");

        h.TaskIds.ShouldBe(["task1", "task2"]);
        h.State.Status.ShouldBe(InstanceStatus.Active);
        h.Complete("task1").Complete("task2");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void BusinessCalendarTimer_RunsInWorkingTime()
    {
        // Friday 16:59:55 + 10 working seconds: office closes at 17:00, so the timer is due Monday 07:30:05.
        var friday = new DateTimeOffset(2026, 3, 6, 16, 59, 55, TimeSpan.FromHours(7));
        var h = Harness.FromFixture("15-flowable-boundary-timer-business-calendar.bpmn", friday).Start();
        h.State.Timers.ShouldHaveSingleItem().DueAt.ShouldBe(new DateTimeOffset(2026, 3, 9, 7, 30, 5, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void DueDateExpression_TakesVariable()
    {
        var h = Harness.FromFixture("16-flowable-usertask-duedate-business-calendar.bpmn").Start(new { dateVariable = "2026-04-01T10:00:00+07:00" });
        h.Task("theTask").DueAt.ShouldBe(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void InstanceStaysOnItsVersion_WhenANewVersionRenamesTheStep()
    {
        var v1 = Harness.FromFixture("17-flowable-migration-v1.bpmn").Start();
        var v2 = Harness.FromFixture("18-flowable-migration-v2-renamed-task.bpmn");
        v2.Definition.Key.ShouldBe(v1.Definition.Key);

        // The v1 dossier finishes on v1, where its step exists; v2 does not know the step.
        v2.Definition.Nodes.ContainsKey("userTask1Id").ShouldBeFalse();
        v1.Complete("userTask1Id");
        v1.State.Status.ShouldBe(InstanceStatus.Completed);
    }
}
