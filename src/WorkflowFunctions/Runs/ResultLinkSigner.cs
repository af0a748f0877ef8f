using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Signs and checks result-file links: HMAC-SHA256 with <see cref="ResultOptions.SigningSecret"/> over the purpose,
/// the run id and the expiry, so a link names one run's file until one moment and changing either breaks it. Checking
/// costs no storage read, so forged links cost nothing to refuse.
/// </summary>
public sealed class ResultLinkSigner
{
    private const string Purpose = "result.json";
    private const int MaxExpiresDigits = 12;
    private const int MaxSignatureLength = 100;
    private readonly byte[]? _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <param name="options">The secret and link lifetime.</param>
    /// <param name="time">The clock that expiry is measured by.</param>
    /// <param name="randomKeyWhenUnset">
    /// Whether a missing secret means a random key of this process (outside Azure) rather than no key (in Azure, where
    /// instances could not check each other's links).
    /// </param>
    /// <param name="logger">Told once, at creation, when the secret is missing.</param>
    public ResultLinkSigner(IOptions<ResultOptions> options, TimeProvider time, bool randomKeyWhenUnset, ILogger<ResultLinkSigner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.SigningSecret;
        _key = !string.IsNullOrEmpty(secret) ? Encoding.UTF8.GetBytes(secret) : randomKeyWhenUnset ? RandomNumberGenerator.GetBytes(32) : null;
        _lifetime = TimeSpan.FromMinutes(options.Value.LinkLifetimeMinutes);
        _time = time;
        SecretConfigured = !string.IsNullOrEmpty(secret);
        if (!SecretConfigured)
        {
            if (_key is null)
            {
                Logs.ResultLinksDisabled(logger);
            }
            else
            {
                Logs.ResultLinksSignedWithProcessKey(logger);
            }
        }
    }

    /// <summary>Whether links can be signed at all.</summary>
    public bool CanSign => _key is not null;

    /// <summary>Whether the key is the configured secret (shared by every instance) rather than one of this process.</summary>
    public bool SecretConfigured { get; }

    /// <summary>A link to <paramref name="runId"/>'s file that works for the configured lifetime from now; null without a key.</summary>
    public ResultLink? Sign(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (_key is null)
        {
            return null;
        }

        var expires = (_time.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        return new ResultLink(runId, expires, Base64Url.EncodeToString(Mac(_key, runId, expires)));
    }

    /// <summary>
    /// Whether <paramref name="expires"/> and <paramref name="signature"/>, as a request presents them, make a valid link
    /// to <paramref name="runId"/>.
    /// </summary>
    public ResultLinkCheck Check(string runId, string? expires, string? signature)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (_key is null)
        {
            return ResultLinkCheck.NoKey;
        }

        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            return ResultLinkCheck.NotSigned;
        }

        if (expires.Length > MaxExpiresDigits || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature.Length > MaxSignatureLength || !TryDecode(signature, out var presented)
            || !CryptographicOperations.FixedTimeEquals(presented, Mac(_key, runId, seconds)))
        {
            return ResultLinkCheck.BadSignature;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() >= seconds ? ResultLinkCheck.Expired : ResultLinkCheck.Valid;
    }

    // HMAC-SHA256 of "result.json\n<run id>\n<expires>" (UTF-8); docs/dialects/scriptso.md documents it.
    private static byte[] Mac(byte[] key, string runId, long expires)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var message = Purpose + "\n" + runId + "\n" + expires.ToString(CultureInfo.InvariantCulture);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
