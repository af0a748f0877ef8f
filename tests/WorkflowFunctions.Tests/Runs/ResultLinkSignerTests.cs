using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Result-file links: HMAC-SHA256 over the run and the expiry with the configured secret; a link is refused without
/// its signature, with a changed run, expiry or signature, from another key, and once its hour is up.
/// </summary>
public sealed class ResultLinkSignerTests
{
    private const string Secret = "result-links-test-secret-0123456789abcdef";
    private const string RunId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 10, 35, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public void Sign_ARun_ExpiresInOneHourWithTheDocumentedHmac()
    {
        // Act
        var link = Signer().Sign(RunId)!;

        // Assert: the signature is computable from the documented message alone.
        Assert.Equal((RunId, Now.AddHours(1)), (link.RunId, link.ExpiresAt));
        var expected = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"result.json\n{RunId}\n{Now.AddHours(1).ToUnixTimeSeconds()}"));
        Assert.Equal(Base64Url.EncodeToString(expected), link.Signature);
    }

    [Fact]
    public void Check_TheSignedLinkBeforeItsHourIsUp_IsValid()
    {
        var signer = Signer();
        var link = signer.Sign(RunId)!;
        _clock.Advance(TimeSpan.FromMinutes(59));

        var check = signer.Check(RunId, Expires(link), link.Signature);

        Assert.Equal(ResultLinkCheck.Valid, check);
    }

    [Fact]
    public void Check_TheSignedLinkAfterItsHour_IsExpired()
    {
        var signer = Signer();
        var link = signer.Sign(RunId)!;
        _clock.Advance(TimeSpan.FromHours(1));

        var check = signer.Check(RunId, Expires(link), link.Signature);

        Assert.Equal(ResultLinkCheck.Expired, check);
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("1768477200", null)]
    [InlineData("", "")]
    public void Check_WithoutExpiryOrSignature_IsNotSigned(string? expires, string? signature)
    {
        Assert.Equal(ResultLinkCheck.NotSigned, Signer().Check(RunId, expires, signature));
    }

    [Fact]
    public void Check_AChangedSignature_IsABadSignature()
    {
        var signer = Signer();
        var link = signer.Sign(RunId)!;
        var changed = (link.Signature[0] == 'A' ? "B" : "A") + link.Signature[1..];

        Assert.Equal(ResultLinkCheck.BadSignature, signer.Check(RunId, Expires(link), changed));
    }

    [Fact]
    public void Check_ALaterExpiryWithTheSameSignature_IsABadSignature()
    {
        var signer = Signer();
        var link = signer.Sign(RunId)!;

        Assert.Equal(
            ResultLinkCheck.BadSignature,
            signer.Check(RunId, (link.Expires + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), link.Signature));
    }

    [Fact]
    public void Check_AnotherRunWithTheSameSignature_IsABadSignature()
    {
        var signer = Signer();
        var link = signer.Sign(RunId)!;

        Assert.Equal(ResultLinkCheck.BadSignature, signer.Check("0781b175-2135-45ec-9063-ad3e0d929adc", Expires(link), link.Signature));
    }

    [Fact]
    public void Check_ALinkSignedWithAnotherSecret_IsABadSignature()
    {
        var link = Signer("another-secret-of-at-least-32-characters").Sign(RunId)!;

        Assert.Equal(ResultLinkCheck.BadSignature, Signer().Check(RunId, Expires(link), link.Signature));
    }

    [Theory]
    [InlineData("-1", "AAAA")]
    [InlineData("1e9", "AAAA")]
    [InlineData("9999999999999", "AAAA")]
    [InlineData("1768477200", "not base64url!")]
    public void Check_GarbledParameters_IsABadSignature(string expires, string signature)
    {
        Assert.Equal(ResultLinkCheck.BadSignature, Signer().Check(RunId, expires, signature));
    }

    [Fact]
    public void Signer_WithoutSecretOutsideAzure_SignsWithAKeyOfItsOwnAndWarns()
    {
        var logger = new FakeLogger<ResultLinkSigner>();
        var signer = new ResultLinkSigner(Options(null), _clock, randomKeyWhenUnset: true, logger);

        var link = signer.Sign(RunId)!;

        Assert.False(signer.SecretConfigured);
        Assert.Equal(ResultLinkCheck.Valid, signer.Check(RunId, Expires(link), link.Signature));
        Assert.Equal(ResultLinkCheck.BadSignature, Signer().Check(RunId, Expires(link), link.Signature));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 1400);
    }

    [Fact]
    public void Signer_WithoutSecretInAzure_SignsNothingAndRefusesEveryLink()
    {
        var signer = new ResultLinkSigner(Options(null), _clock, randomKeyWhenUnset: false, NullLogger<ResultLinkSigner>.Instance);
        var link = Signer().Sign(RunId)!;

        Assert.False(signer.CanSign);
        Assert.Null(signer.Sign(RunId));
        Assert.Equal(ResultLinkCheck.NoKey, signer.Check(RunId, Expires(link), link.Signature));
    }

    private static string Expires(ResultLink link) => link.Expires.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IOptions<ResultOptions> Options(string? secret) => Microsoft.Extensions.Options.Options.Create(new ResultOptions { SigningSecret = secret });

    private ResultLinkSigner Signer(string secret = Secret) => new(Options(secret), _clock, randomKeyWhenUnset: false, NullLogger<ResultLinkSigner>.Instance);
}
