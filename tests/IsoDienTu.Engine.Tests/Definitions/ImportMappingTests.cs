using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

public class ImportMappingTests
{
    [Fact]
    public void UserTask_IsoAttributesMapped()
    {
        var task = Node<UserTask>(BpmnText.Linear("""
            <userTask id="t" name="Thẩm định" iso:unit="phong-tnmt" iso:role="chuyen-vien" iso:outcomes=" dat , khong-dat,,bo-sung "
                      iso:clock="excluded" camunda:dueDate="P1D" />
            """), "t");

        task.Assignment.Unit.ShouldBe("phong-tnmt");
        task.Assignment.Role.ShouldBe("chuyen-vien");
        task.Outcomes.ShouldBe(["dat", "khong-dat", "bo-sung"]);
        task.ClockExcluded.ShouldBeTrue();
        task.DueDate.ShouldBe("P1D");
        task.IsoAttributes.Keys.Order(StringComparer.Ordinal).ShouldBe(["clock", "outcomes", "role", "unit"]);
        task.Incoming.ShouldBe(["f1"]);
        task.Outgoing.ShouldBe(["f2"]);
    }

    [Fact]
    public void UserTask_BpmnResourceRoles_BecomeCandidatesAndAssignee()
    {
        var task = Node<UserTask>(BpmnText.Linear("""
            <userTask id="t">
              <potentialOwner><resourceAssignmentExpression><formalExpression>group(mot-cua), user(an), lanh-dao</formalExpression></resourceAssignmentExpression></potentialOwner>
              <humanPerformer><resourceAssignmentExpression><formalExpression>binh</formalExpression></resourceAssignmentExpression></humanPerformer>
            </userTask>
            """), "t");

        task.Assignment.CandidateGroups.ShouldBe(["mot-cua", "lanh-dao"]);
        task.Assignment.CandidateUsers.ShouldBe(["an"]);
        task.Assignment.Assignee.ShouldBe("binh");
    }

    [Fact]
    public void VendorAttributes_ReadFromEveryNamespace()
    {
        var xml = BpmnText.Linear("""
            <userTask id="t" operaton:candidateUsers="an, binh" flowable:candidateGroups="g1" activiti:assignee="chi" />
            """).Replace("<definitions ", """<definitions xmlns:operaton="http://operaton.org/schema/1.0/bpmn" xmlns:flowable="http://flowable.org/bpmn" xmlns:activiti="http://activiti.org/bpmn" """, StringComparison.Ordinal);

        var assignment = Node<UserTask>(xml, "t").Assignment;

        assignment.CandidateUsers.ShouldBe(["an", "binh"]);
        assignment.CandidateGroups.ShouldBe(["g1"]);
        assignment.Assignee.ShouldBe("chi");
    }

    [Fact]
    public void Tasks_MappedByKind()
    {
        var xml = BpmnText.Process("""
            <startEvent id="s" />
            <serviceTask id="svc" iso:action="cap-so-ho-so" />
            <receiveTask id="rcv" messageRef="m" />
            <callActivity id="call" calledElement="lien-thong-thue" camunda:calledElementBinding="version" camunda:calledElementVersion="3" />
            <callActivity id="call2" calledElement="x" iso:version="2" />
            <sendTask id="send" />
            """, definitionsBody: """<message id="m" name="ket-qua-thue" />""");

        Node<AutomaticTask>(xml, "svc").ShouldSatisfyAllConditions(t => t.TaskType.ShouldBe("serviceTask"), t => t.Action.ShouldBe("cap-so-ho-so"));
        Node<AutomaticTask>(xml, "send").TaskType.ShouldBe("sendTask");
        Node<ReceiveTask>(xml, "rcv").MessageName.ShouldBe("ket-qua-thue");
        Node<CallActivity>(xml, "call").CalledVersion.ShouldBe(3);
        Node<CallActivity>(xml, "call2").CalledVersion.ShouldBe(2);
    }

    [Fact]
    public void SubProcess_ScopeAndDocumentOrder()
    {
        var process = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="s" />
            <subProcess id="sub">
              <startEvent id="subStart" />
              <task id="inner" />
            </subProcess>
            <endEvent id="e" />
            """)).Executable!;

        process.Nodes.Values.OrderBy(n => n.Order).Select(n => n.Id).ShouldBe(["s", "sub", "subStart", "inner", "e"]);
        process.Node("inner").ScopeId.ShouldBe("sub");
        process.Node("e").ScopeId.ShouldBeNull();
    }

    [Fact]
    public void MultiInstance_CamundaAttributes()
    {
        var mi = Node<UserTask>(BpmnText.Linear("""
            <userTask id="t" iso:role="r"><multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${dsPhong}" camunda:elementVariable="phong">
              <completionCondition>${xong}</completionCondition>
            </multiInstanceLoopCharacteristics></userTask>
            """), "t").MultiInstance!;

        mi.ShouldBe(new MultiInstance { IsSequential = true, Collection = "${dsPhong}", ElementVariable = "phong", CompletionCondition = "${xong}" });
    }

    [Fact]
    public void Timer_IsoWorkingCalendar()
    {
        var boundary = Node<BoundaryEvent>(BpmnText.Linear("""
            <userTask id="t" iso:role="r" />
            <boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><timerEventDefinition iso:calendar="working"><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
            """), "b");

        boundary.Trigger.ShouldBe(new TimerTrigger(TimerKind.Duration, "P2D", WorkingTime: true));
        boundary.CancelActivity.ShouldBeFalse();
    }

    [Fact]
    public void Escalation_CatchWithoutRefCatchesAll_ThrowUsesCode()
    {
        var xml = BpmnText.Linear("""
            <subProcess id="t"><startEvent id="is" /><sequenceFlow id="i1" sourceRef="is" targetRef="th" />
              <intermediateThrowEvent id="th"><escalationEventDefinition escalationRef="esc" /></intermediateThrowEvent></subProcess>
            <boundaryEvent id="b" attachedToRef="t"><escalationEventDefinition /></boundaryEvent>
            """).Replace("<process ", """<escalation id="esc" escalationCode="QUA_HAN" /><process """, StringComparison.Ordinal);

        Node<IntermediateThrowEvent>(xml, "th").Trigger.ShouldBe(new EscalationTrigger("QUA_HAN"));
        Node<BoundaryEvent>(xml, "b").Trigger.ShouldBe(new EscalationTrigger(null));
    }

    [Fact]
    public void Executable_FirstExecutableProcess_ElseOnlyProcess_ElseNone()
    {
        const string two = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <process id="a" isExecutable="false" /><process id="b" isExecutable="true" />
            </definitions>
            """;
        const string unmarked = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="a" /><process id="b" /></definitions>
            """;

        BpmnImporter.Import(two).Executable!.Key.ShouldBe("b");
        BpmnImporter.Import(unmarked).Executable.ShouldBeNull();
        BpmnImporter.Import(unmarked).Processes.ShouldAllBe(p => !p.IsExecutable);
    }

    private static T Node<T>(string xml, string id) where T : FlowNode =>
        BpmnImporter.Import(xml).Processes.ShouldHaveSingleItem().Node(id).ShouldBeOfType<T>();
}
