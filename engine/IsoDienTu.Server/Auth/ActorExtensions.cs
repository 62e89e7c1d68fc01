using System.Security.Claims;
using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Auth;

public static class ActorExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? throw new StoreException(StoreError.Forbidden, "Not signed in."),
        user.FindFirstValue("unit"),
        [.. user.FindAll("role").Select(c => c.Value)]);
}
