namespace IsoDienTu.Testing;

/// <summary>BPMN procedures the integration and browser suites publish.</summary>
public static class TestProcedures
{
    /// <summary>
    /// A 3-working-day licence: examine (PQL specialist, may ask for a supplement or refuse) → sign (LD leader) →
    /// hand over (one-stop), laid out so a person can read it in the pages.
    /// </summary>
    public static string Licence(string key = "licence", string supplementClock = "restart") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="urn:test">
          <message id="msgSupplement" name="supplement" />
          <process id="{key}" name="Cấp giấy phép xây dựng" isExecutable="true" iso:procedureCode="1.000001"
                   iso:deadline="P3D" iso:supplementClock="{supplementClock}" iso:level="commune" iso:legalBasis="Test"
                   iso:fee="Lệ phí 75.000 đồng"
                   iso:documents="Đơn đề nghị (theo mẫu);Bản sao Căn cước công dân;Giấy tờ chứng minh quyền sử dụng đất [M];Bản vẽ thiết kế">
            <startEvent id="received" name="Tiếp nhận" />
            <sequenceFlow id="f1" sourceRef="received" targetRef="examine" />
            <userTask id="examine" name="Thẩm định hồ sơ" iso:unit="PQL" iso:role="specialist" iso:allotment="P1D"
                      iso:outcomes="approve,supplement,refuse" />
            <sequenceFlow id="f3" sourceRef="examine" targetRef="decide" />
            <exclusiveGateway id="decide" default="fApprove" />
            <sequenceFlow id="fSupplement" sourceRef="decide" targetRef="waitSupplement">
              <conditionExpression>outcome == 'supplement'</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="fRefuse" sourceRef="decide" targetRef="refused">
              <conditionExpression>outcome == 'refuse'</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="fApprove" sourceRef="decide" targetRef="sign" />
            <intermediateCatchEvent id="waitSupplement" name="Chờ bổ sung" iso:waitsFor="supplement">
              <messageEventDefinition messageRef="msgSupplement" />
            </intermediateCatchEvent>
            <sequenceFlow id="fBack" sourceRef="waitSupplement" targetRef="examine" />
            <endEvent id="refused" name="Từ chối" iso:status="refused" />
            <userTask id="sign" name="Ký duyệt" iso:unit="LD" iso:role="leader" iso:allotment="PT4H" iso:outcomes="approve" />
            <sequenceFlow id="f4" sourceRef="sign" targetRef="handOver" />
            <userTask id="handOver" name="Trả kết quả" iso:unit="MC" iso:role="receiver" iso:allotment="PT4H" iso:status="resultIssued" />
            <sequenceFlow id="f6" sourceRef="handOver" targetRef="done" />
            <endEvent id="done" name="Hoàn thành" />
          </process>
          <bpmndi:BPMNDiagram id="d1">
            <bpmndi:BPMNPlane id="p1" bpmnElement="{key}">
              <bpmndi:BPMNShape id="s_received" bpmnElement="received"><dc:Bounds x="40" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_examine" bpmnElement="examine"><dc:Bounds x="120" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_decide" bpmnElement="decide" isMarkerVisible="true"><dc:Bounds x="260" y="95" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_wait" bpmnElement="waitSupplement"><dc:Bounds x="267" y="222" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_refused" bpmnElement="refused"><dc:Bounds x="267" y="12" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_sign" bpmnElement="sign"><dc:Bounds x="350" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_handOver" bpmnElement="handOver"><dc:Bounds x="490" y="80" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_done" bpmnElement="done"><dc:Bounds x="630" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="e_f1" bpmnElement="f1"><di:waypoint x="76" y="120" /><di:waypoint x="120" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f3" bpmnElement="f3"><di:waypoint x="220" y="120" /><di:waypoint x="260" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fS" bpmnElement="fSupplement"><di:waypoint x="285" y="145" /><di:waypoint x="285" y="222" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fR" bpmnElement="fRefuse"><di:waypoint x="285" y="95" /><di:waypoint x="285" y="48" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fA" bpmnElement="fApprove"><di:waypoint x="310" y="120" /><di:waypoint x="350" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_fB" bpmnElement="fBack"><di:waypoint x="267" y="240" /><di:waypoint x="170" y="240" /><di:waypoint x="170" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f4" bpmnElement="f4"><di:waypoint x="450" y="120" /><di:waypoint x="490" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="e_f6" bpmnElement="f6"><di:waypoint x="590" y="120" /><di:waypoint x="630" y="120" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;

    /// <summary>
    /// One step (PQL specialist) with a one-hour boundary timer that escalates to the head: a dossier whose timer
    /// falls due an hour after it is received. Each firing leaves one "escalated" task and one timerFired event.
    /// </summary>
    public static string Timed(string key = "timed") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:test">
          <process id="{key}" name="Thủ tục có hẹn giờ" isExecutable="true" iso:procedureCode="T.1" iso:deadline="P2D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <userTask id="wait" name="Xử lý" iso:unit="PQL" iso:role="specialist" />
            <boundaryEvent id="late" attachedToRef="wait">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            <sequenceFlow id="f3" sourceRef="late" targetRef="escalated" />
            <userTask id="escalated" name="Xử lý quá hạn" iso:unit="PQL" iso:role="head" />
            <sequenceFlow id="f4" sourceRef="escalated" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;
}
