using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Auth;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(string AccessToken, string Username, string FullName, string? UnitCode, string[] Roles);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", async (TokenRequest request, OrganisationStore organisation, TokenService tokens, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            {
                throw new StoreException(StoreError.Invalid, "Username and password are required.", "username");
            }

            var user = await organisation.AuthenticateAsync(request.Username, request.Password, ct);
            return user is null
                ? Results.Problem(statusCode: 401, title: "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password")
                : Results.Ok(new TokenResponse(tokens.Issue(user), user.Username, user.FullName, user.UnitCode, user.Roles));
        }).AllowAnonymous();
    }
}
