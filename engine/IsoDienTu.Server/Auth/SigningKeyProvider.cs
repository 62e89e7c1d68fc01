using System.Security.Cryptography;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace IsoDienTu.Server.Auth;

/// <summary>
/// The token signing key lives in the database, created by whichever node starts first, so a token issued by one
/// node is accepted by every other (nodes stay stateless).
/// </summary>
public sealed class SigningKeyProvider(NpgsqlDataSource dataSource)
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is not loaded yet.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "insert into settings (key, value) values ('jwt.key', @value) on conflict (key) do nothing",
            new { value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        var stored = await connection.ExecuteScalarAsync<string>("select value from settings where key = 'jwt.key'");
        _key = new SymmetricSecurityKey(Convert.FromBase64String(stored!));
    }
}
