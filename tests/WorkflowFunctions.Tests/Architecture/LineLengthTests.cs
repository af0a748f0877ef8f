using System.Globalization;

namespace WorkflowFunctions.Tests.Architecture;

/// <summary>
/// The style's line limit (<c>max_line_length = 160</c> in .editorconfig), checked on every C# file under src/, tests/
/// and bench/ (bin/ and obj/ left out): a line over it fails the test with its <c>path:line (length)</c>.
/// </summary>
public sealed class LineLengthTests
{
    private const int MaxLength = 160;

    private static readonly string[] Folders = ["src", "tests", "bench"];

    [Fact]
    public void CSharpFiles_HaveNoLineOver160Characters()
    {
        // Arrange
        var root = RepositoryRoot();

        // Act
        var tooLong = Folders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(segment => segment is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .SelectMany(path => File.ReadLines(Path.Combine(root, path))
                .Select((line, index) => (Path: path, Line: index + 1, Length: line.EnumerateRunes().Count())))
            .Where(line => line.Length > MaxLength)
            .Select(line => string.Create(CultureInfo.InvariantCulture, $"{line.Path}:{line.Line} ({line.Length})"))
            .ToList();

        // Assert
        if (tooLong.Count > 0)
        {
            Assert.Fail(
                string.Create(CultureInfo.InvariantCulture, $"{tooLong.Count} line(s) over {MaxLength} characters; wrap them:")
                + Environment.NewLine
                + string.Join(Environment.NewLine, tooLong));
        }
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WorkflowFunctions.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WorkflowFunctions.sln) was not found above the test output.");
    }
}
