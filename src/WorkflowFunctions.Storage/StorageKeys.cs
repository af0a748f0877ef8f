using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WorkflowFunctions.Storage;

/// <summary>
/// How values become partition and row keys. Row keys sort ordinally, so times are written as fixed-width
/// inverted ticks (newest first) and numbers as fixed-width decimals; '~' (the highest printable ASCII
/// character) separates key parts so "prefix~" .. "prefix~~" bounds a range.
/// </summary>
public static class StorageKeys
{
    public const char Separator = '~';

    /// <summary>Fixed-width inverted ticks: later times sort first.</summary>
    public static string NewestFirst(DateTimeOffset time) =>
        (DateTime.MaxValue.Ticks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A fixed-width decimal so numbers sort in numeric order.</summary>
    public static string Number(long value) => value.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>A fixed-width decimal that sorts the larger numbers first.</summary>
    public static string NumberDescending(long value) => (int.MaxValue - value).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The exclusive upper bound of every key that starts with <paramref name="prefix"/> followed by ASCII below '~'.</summary>
    public static string End(string prefix) => prefix + "~~";

    /// <summary>A random lowercase hex identifier with a type prefix, e.g. <c>wf_3f9c...</c>.</summary>
    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Lowercase hex SHA-256 of UTF-8 text.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>True when <paramref name="value"/> is safe inside a key: letters, digits, '-', '_' and '.', 1-100 characters.</summary>
    public static bool IsKeySafe(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
