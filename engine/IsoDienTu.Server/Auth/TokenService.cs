using System.Security.Claims;
using IsoDienTu.Engine.Postgres;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IsoDienTu.Server.Auth;

/// <summary>Issues bearer tokens carrying the user's unit and roles. Token lifetime is real time, not simulated.</summary>
public sealed class TokenService(SigningKeyProvider keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public string Issue(UserRow user)
    {
        var claims = new List<Claim> { new("sub", user.Username), new("name", user.FullName) };
        if (user.UnitCode is not null)
        {
            claims.Add(new Claim("unit", user.UnitCode));
        }

        claims.AddRange(user.Roles.Select(r => new Claim("role", r)));
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthRegistration.Issuer,
            Audience = AuthRegistration.Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
