using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace IsoDienTu.Server.Auth;

public static class AuthRegistration
{
    public const string Issuer = "isodientu";

    public static IServiceCollection AddIsoDienTuAuth(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenService>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyProvider>((jwt, keys) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Issuer,
                IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy("admin", p => p.RequireRole("admin"))
            .AddPolicy("designer", p => p.RequireRole("designer", "admin"))
            .AddPolicy("receiver", p => p.RequireRole("receiver", "admin"))
            .AddPolicy("oversight", p => p.RequireRole("head", "supervisor", "leader", "admin"));
        return services;
    }
}
