using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests.Runtime;

public class ReturnTaskTests
{
    [Fact]
    public void Return_SendsTheDossierBackOneStep_WithAFreshTask()
    {
        var h = Harness.FromXml(Procedures.Licence()).Start().Complete("reception").Complete("examine", "approve");
        var sign = h.Task("sign");

        h.Run(new ReturnTask(sign.Id, "examine", "thiếu chữ ký"));

        h.TaskIds.ShouldBe(["examine"]);
        h.Task("examine").Id.ShouldNotBe(sign.Id);
        h.Effects.OfType<CancelTaskEffect>().ShouldContain(e => e.TaskId == sign.Id);
    }

    [Fact]
    public void Return_ToAnElementThatIsNotAStep_IsRefused()
    {
        var h = Harness.FromXml(Procedures.Licence()).Start();
        var error = Should.Throw<EngineException>(() => h.Run(new ReturnTask(h.Task("reception").Id, "decide")));
        error.Code.ShouldBe(EngineError.InvalidCommand);
    }
}
