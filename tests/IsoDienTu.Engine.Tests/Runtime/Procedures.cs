namespace IsoDienTu.Engine.Tests.Runtime;

/// <summary>Small administrative procedures written the way our designer saves them (iso: attributes).</summary>
internal static class Procedures
{
    /// <summary>
    /// A 3-working-day licence: reception → examination (may ask for a supplement or refuse) → signature →
    /// tax (excluded from the clock) → return of the result.
    /// </summary>
    public static string Licence(string supplementClock = "restart") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1"
                     id="defs" targetNamespace="urn:test">
          <message id="msgSupplement" name="supplement" />
          <process id="licence" name="Cấp giấy phép" isExecutable="true" iso:procedureCode="1.000001"
                   iso:deadline="P3D" iso:supplementClock="{supplementClock}" iso:level="commune" iso:legalBasis="Test">
            <startEvent id="received" />
            <sequenceFlow id="f1" sourceRef="received" targetRef="reception" />
            <userTask id="reception" name="Tiếp nhận" iso:unit="MC" iso:role="receiver" iso:allotment="PT4H" />
            <sequenceFlow id="f2" sourceRef="reception" targetRef="examine" />
            <userTask id="examine" name="Thẩm định" iso:unit="PQL" iso:role="specialist" iso:allotment="P1D"
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
            <endEvent id="refused" />
            <userTask id="sign" name="Ký duyệt" iso:unit="LD" iso:role="leader" iso:allotment="PT4H" iso:outcomes="approve" />
            <sequenceFlow id="f4" sourceRef="sign" targetRef="tax" />
            <userTask id="tax" name="Nghĩa vụ tài chính" iso:unit="MC" iso:role="receiver" iso:clock="excluded" />
            <sequenceFlow id="f5" sourceRef="tax" targetRef="handOver" />
            <userTask id="handOver" name="Trả kết quả" iso:unit="MC" iso:role="receiver" iso:allotment="PT4H" />
            <sequenceFlow id="f6" sourceRef="handOver" targetRef="done" />
            <endEvent id="done" />
          </process>
        </definitions>
        """;
}
