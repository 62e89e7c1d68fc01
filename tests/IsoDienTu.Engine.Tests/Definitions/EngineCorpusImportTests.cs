using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>The Operaton/Flowable executable test processes map onto our model as their engines read them.</summary>
public class EngineCorpusImportTests
{
    public static TheoryData<string> Files => Fixtures.Files("engine-tests");

    [Fact]
    public void Corpus_HasTwentyFiles() => Files.Count.ShouldBe(20);

    [Theory]
    [MemberData(nameof(Files))]
    public void Import_EngineTestFile_MapsAllElementsAndFlows(string file)
    {
        var model = BpmnImporter.Import(Fixtures.Read("engine-tests", file));

        var process = model.Executable.ShouldNotBeNull();
        process.IsExecutable.ShouldBeTrue();
        model.Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.Unsupported
            || d.Code == DiagnosticCodes.FlowEndpointMissing || d.Code == DiagnosticCodes.Unreachable
            || d.Code == DiagnosticCodes.MissingId || d.Code == DiagnosticCodes.InternalError);
        foreach (var flow in process.Flows.Values)
        {
            process.Node(flow.SourceId).Outgoing.ShouldContain(flow.Id);
            process.Node(flow.TargetId).Incoming.ShouldContain(flow.Id);
        }
    }

    [Fact]
    public void File01_ThreeInterruptingBoundaryTimers()
    {
        var process = Import("01-usertask-3-interrupting-boundary-timers.bpmn");

        var timers = process.BoundariesOf("firstTask").ToList();
        timers.Select(b => ((TimerTrigger)b.Trigger).Expression).ShouldBe(["PT2H", "PT1H", "PT3H"]);
        timers.ShouldAllBe(b => b.CancelActivity && ((TimerTrigger)b.Trigger).Kind == TimerKind.Duration);
    }

    [Fact]
    public void File03_NonInterruptingCycleTimer()
    {
        var boundary = Import("03-usertask-noninterrupting-cycle-timer-R-PT1H.bpmn").Nodes.Values.OfType<BoundaryEvent>().Single();

        boundary.CancelActivity.ShouldBeFalse();
        boundary.Trigger.ShouldBe(new TimerTrigger(TimerKind.Cycle, "R/PT1H", false));
    }

    [Fact]
    public void File04_TimerEventSubProcess_InnerNodesScoped()
    {
        var process = Import("04-noninterrupting-timer-event-subprocess-cron.bpmn");

        process.Node("subProcess").ShouldBeOfType<SubProcess>().TriggeredByEvent.ShouldBeTrue();
        var start = process.Node("subprocessStartEvent").ShouldBeOfType<StartEvent>();
        start.ScopeId.ShouldBe("subProcess");
        start.IsInterrupting.ShouldBeFalse();
        start.Trigger.ShouldBe(new TimerTrigger(TimerKind.Cycle, "0 0/5 * * * ?", false));
        process.NodesIn("subProcess").Select(n => n.Id).ShouldBe(["subprocessStartEvent", "userTask2", "subprocessEndEvent"]);
    }

    [Fact]
    public void File06_ExclusiveGatewayWithConditionsAndDefault()
    {
        var process = Import("06-exclusive-gateway-conditions-default-flow.bpmn");

        var gateway = process.Nodes.Values.OfType<Gateway>().Single();
        gateway.Kind.ShouldBe(GatewayKind.Exclusive);
        gateway.DefaultFlowId.ShouldNotBeNull();
        process.Outgoing(gateway).Count(f => f.Condition is not null).ShouldBeGreaterThan(0);
        process.Flow(gateway.DefaultFlowId).Condition.ShouldBeNull();
    }

    [Fact]
    public void File08_EventBasedGatewayRacesSignalAndTimer_FlowsWithoutIdsGetStableIds()
    {
        var model = BpmnImporter.Import(Fixtures.Read("engine-tests", "08-event-based-gateway-signal-vs-timer.bpmn"));
        var process = model.Executable!;

        process.Node("gw1").ShouldBeOfType<Gateway>().Kind.ShouldBe(GatewayKind.EventBased);
        process.Node("signalEvent").ShouldBeOfType<IntermediateCatchEvent>().Trigger.ShouldBe(new SignalTrigger("alert"));
        process.Flows.Keys.ShouldContain("gw1->signalEvent");
        process.Node("task1").ShouldBeOfType<UserTask>().Assignment.Assignee.ShouldBe("kermit");
        model.Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.EventGatewayTarget);
    }

    [Fact]
    public void File09_CallActivityToSimpleSubProcess()
    {
        var process = Import("09-call-activity-with-boundary-timer.bpmn");

        var call = process.Node("callSubProcess").ShouldBeOfType<CallActivity>();
        call.CalledElement.ShouldBe("simpleSubProcess");
        call.CalledVersion.ShouldBeNull();
        process.BoundariesOf("callSubProcess").Single().CancelActivity.ShouldBeTrue();
    }

    [Fact]
    public void File10_ParallelMultiInstanceOverCollection()
    {
        var task = Import("10-mi-parallel-usertask-collection-completion-condition.bpmn").Node("miTasks").ShouldBeOfType<UserTask>();

        var mi = task.MultiInstance.ShouldNotBeNull();
        mi.IsSequential.ShouldBeFalse();
        mi.Collection.ShouldBe("assigneeList");
        mi.ElementVariable.ShouldBe("assignee");
        mi.CompletionCondition.ShouldBe("${nrOfCompletedInstances/nrOfInstances >= 0.6 }");
        task.Assignment.Assignee.ShouldBe("${assignee}");
    }

    [Fact]
    public void File11_EscalationThrowAndCatch()
    {
        var process = Import("11-escalation-throw-interrupting-boundary.bpmn");

        process.Nodes.Values.OfType<IntermediateThrowEvent>().Single().Trigger.ShouldBeOfType<EscalationTrigger>().Code.ShouldNotBeNull();
        var boundary = process.Nodes.Values.OfType<BoundaryEvent>().Single();
        boundary.Trigger.ShouldBeOfType<EscalationTrigger>();
        boundary.CancelActivity.ShouldBeTrue();
    }

    [Fact]
    public void File12_MultiInstanceSubProcessWithNonInterruptingEscalation()
    {
        var process = Import("12-escalation-noninterrupting-boundary-on-mi-subprocess.bpmn");

        process.Node("subProcess").ShouldBeOfType<SubProcess>().MultiInstance!.LoopCardinality.ShouldBe("5");
        process.Node("escalationThrowingEvent").ShouldBeOfType<IntermediateThrowEvent>().Trigger.ShouldBe(new EscalationTrigger("escalationCode"));
        process.Node("escalationBoundaryEvent").ShouldBeOfType<BoundaryEvent>().CancelActivity.ShouldBeFalse();
        process.Node("taskInSubprocess").ScopeId.ShouldBe("subProcess");
    }

    [Fact]
    public void File13_CandidateGroupsTrimmed()
    {
        var task = Import("13-usertask-candidate-groups.bpmn").Node("theTask").ShouldBeOfType<UserTask>();

        task.Assignment.CandidateGroups.ShouldBe(["management", "accountancy"]);
    }

    [Fact]
    public void File14_MessageBoundaryAndTerminateInsideSubProcess()
    {
        var process = Import("14-message-noninterrupting-boundary-on-subprocess-terminate.bpmn");

        process.Node("messageBoundary").ShouldBeOfType<BoundaryEvent>().Trigger.ShouldBe(new MessageTrigger("firstMessage"));
        process.Node("innerEnd").ShouldBeOfType<EndEvent>().Trigger.ShouldBeOfType<TerminateTrigger>();
        process.Messages["firstMessageId"].ShouldBe("firstMessage");
    }

    [Fact]
    public void File15_FlowableBusinessCalendarMeansWorkingTime()
    {
        var boundary = Import("15-flowable-boundary-timer-business-calendar.bpmn").Node("boundaryTimer").ShouldBeOfType<BoundaryEvent>();

        boundary.Trigger.ShouldBe(new TimerTrigger(TimerKind.Duration, "PT10S", WorkingTime: true));
    }

    [Fact]
    public void File16_FlowableDueDate()
    {
        Import("16-flowable-usertask-duedate-business-calendar.bpmn").Node("theTask").ShouldBeOfType<UserTask>()
            .DueDate.ShouldBe("${dateVariable}");
    }

    [Fact]
    public void Files17And18_SameKeyDifferentTaskIds()
    {
        var v1 = Import("17-flowable-migration-v1.bpmn");
        var v2 = Import("18-flowable-migration-v2-renamed-task.bpmn");

        v1.Key.ShouldBe("MP");
        v2.Key.ShouldBe("MP");
        v1.Nodes.ContainsKey("userTask1Id").ShouldBeTrue();
        v2.Nodes.ContainsKey("theTask").ShouldBeTrue();
    }

    private static ProcessDefinition Import(string file) =>
        BpmnImporter.Import(Fixtures.Read("engine-tests", file)).Executable.ShouldNotBeNull();
}
