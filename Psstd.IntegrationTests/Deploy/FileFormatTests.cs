namespace Psstd.Tests.Deploy;

/// <summary>Every template parses with the tool that reads its format; every script passes shellcheck.</summary>
[Trait("Category", "Deploy")]
public sealed class FileFormatTests
{
    [Theory]
    [MemberData(nameof(DeployFiles.Yaml), MemberType = typeof(DeployFiles))]
    public async Task Yaml_Parses(string file)
    {
        var documents = await YamlDocuments.LoadAsync(DeployFiles.Full(file));

        Assert.NotEmpty(documents);
    }

    /// <summary>yamllint catches what a YAML parser lets through, duplicate keys first of all.</summary>
    [Theory]
    [MemberData(nameof(DeployFiles.Yaml), MemberType = typeof(DeployFiles))]
    public async Task Yaml_PassesYamllint(string file)
    {
        var result = await Tool.RunAsync("yamllint", "yamllint", ["--strict", "--format", "parsable", "--config-file", DeployFiles.Full("deploy/.yamllint"), DeployFiles.Full(file)], TimeSpan.FromSeconds(60));

        result.ShouldSucceed($"yamllint {file}");
    }

    [Theory]
    [MemberData(nameof(DeployFiles.ShellScripts), MemberType = typeof(DeployFiles))]
    public async Task ShellScript_PassesShellcheck(string file)
    {
        var result = await Tool.RunAsync("shellcheck", "shellcheck", ["--norc", "--external-sources", "--format=gcc", DeployFiles.Full(file)], TimeSpan.FromSeconds(60));

        result.ShouldSucceed($"shellcheck {file}");
        Assert.Equal("", result.Output.Trim());
    }

    [Theory]
    [MemberData(nameof(DeployFiles.Plists), MemberType = typeof(DeployFiles))]
    public async Task Plist_IsWellFormedXml(string file)
    {
        var result = await Tool.RunAsync("xmllint", "libxml2-utils", ["--noout", DeployFiles.Full(file)], TimeSpan.FromSeconds(30));

        result.ShouldSucceed($"xmllint --noout {file}");
        Assert.Equal("", result.Output.Trim());
    }
}
