using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

internal static class Expect
{
    /// <summary>The one diagnostic with this code, checked to name the element, to be located and to speak Vietnamese.</summary>
    public static Diagnostic Single(BpmnModel model, string code, string elementId)
    {
        var diagnostic = model.Diagnostics.Where(d => d.Code == code).ShouldHaveSingleItem();
        diagnostic.ElementId.ShouldBe(elementId);
        diagnostic.Line.ShouldNotBeNull();
        diagnostic.Column.ShouldNotBeNull();
        diagnostic.Message.ShouldNotBeNullOrWhiteSpace();
        diagnostic.MessageVi.ShouldNotBeNullOrWhiteSpace();
        diagnostic.MessageVi.ShouldNotBe(diagnostic.Message);
        return diagnostic;
    }

    public static void None(BpmnModel model, string code) => model.Diagnostics.ShouldNotContain(d => d.Code == code);
}
