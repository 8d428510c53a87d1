using System.IO.Hashing;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace KnowledgeBase.Caching;

/// <summary>
/// Which code made a site record: the module version ids of kb's engine (its embedded default theme included)
/// and of the libraries whose output the site holds, plus the runtime. Any other build of any of them → the
/// record is ignored and the site built again, since a fix in the parser or the Markdown pipeline must reach every page.
/// </summary>
public static class EngineIdentity
{
    public static string Value { get; } = Compute();

    private static string Compute()
    {
        Assembly[] assemblies =
        [
            typeof(EngineIdentity).Assembly,
            typeof(Markdig.Markdown).Assembly,
            typeof(YamlDotNet.Serialization.Deserializer).Assembly,
            typeof(Ganss.Xss.HtmlSanitizer).Assembly,
            typeof(Fluid.FluidParser).Assembly,
        ];
        var text = new StringBuilder(RuntimeInformation.FrameworkDescription);
        foreach (var a in assemblies) text.Append(' ').Append(a.ManifestModule.ModuleVersionId.ToString("N"));
        return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text.ToString())).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
    }
}
