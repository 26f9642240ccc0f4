using System.Collections;
using System.Globalization;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The community module IOUtils: IOEnv (the environment as a record), atoi and Serialize of text
/// (format "TXT"; the SVG module writes its frames with it). IOSerialize and
/// IODeserialize use TLC's Java serialization format, and IOExec and its variants run programs (a
/// model check here must not start processes): evaluating them is an error naming the operator.
/// </summary>
internal static class IoUtilsOperators
{
    public static BuiltinSymbol[] All =>
    [
        LibraryOverrides.Plain("IOEnv", 0, static _ => FunctionValue.Record(
            Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(static e => new KeyValuePair<string, Value>((string)e.Key, StringValue.Of((string?)e.Value ?? ""))))),
        LibraryOverrides.Plain("atoi", 1, static a =>
        {
            var text = ValueOps.AsString(a[0], "atoi", 1);
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? IntValue.Of(n)
                : throw new EvalException($"The argument of atoi should be a string of an integer, but instead it is:\n{ValuePrinter.Print(a[0])}");
        }),
        Refused("IOSerialize", 3, "writing TLC's Java-serialized values"),
        Refused("IODeserialize", 2, "reading TLC's Java-serialized values"),
        LibraryOverrides.Plain("Serialize", 3, static a => SerializeText(a[0], a[1], a[2]), touchesWorld: true),
        Refused("Deserialize", 2, "running a deserializer"),
        Refused("IOExec", 1, "running a program"),
        Refused("IOEnvExec", 2, "running a program"),
        Refused("IOExecTemplate", 2, "running a program"),
        Refused("IOEnvExecTemplate", 3, "running a program"),
    ];

    private static readonly string[] ExecFields = ["exitValue", "stdout", "stderr"];

    private static Value ExecResult(int exit, string stdout, string stderr) =>
        FunctionValue.Record((ExecFields[0], IntValue.Of(exit)), (ExecFields[1], StringValue.Of(stdout)), (ExecFields[2], StringValue.Of(stderr)));

    /// <summary>
    /// Serialize(text, path, [format |-> "TXT", charset |-> cs, openOptions |-> <<...>>]) as TLC's
    /// Java does: writes the string and returns [exitValue |-> 0, stdout |-> ..., stderr |-> ""], or
    /// exitValue 1 and the reason in stderr. Other formats (a serializer program) are refused.
    /// </summary>
    private static Value SerializeText(Value payload, Value destination, Value options)
    {
        if (options is not FunctionValue { IsRecord: true } record
            || !record.TryApply(StringValue.Of("format"), out var format) || format is not StringValue { Value: "TXT" })
            throw new EvalException("Serialize is supported by this checker only with [format |-> \"TXT\", ...] (other formats run a serializer program).");
        if (payload is not StringValue text || destination is not StringValue path
            || !record.TryApply(StringValue.Of("charset"), out var charset) || charset is not StringValue charsetName
            || !record.TryApply(StringValue.Of("openOptions"), out var openOptions) || openOptions.Kind != ValueKind.Function)
            return ExecResult(1, "", "Serialize error invalid parameters: the payload, the file and the charset must be strings, openOptions a sequence");
        var flags = FunctionValue.AsFinite(openOptions).Values.ToArray().Select(static o => (o as StringValue)?.Value ?? "").ToHashSet(StringComparer.Ordinal);
        // Java's Files.writeString with no option creates or truncates.
        if (flags.Count == 0) flags = ["CREATE", "TRUNCATE_EXISTING", "WRITE"];
        var mode = flags.Contains("CREATE_NEW") ? FileMode.CreateNew
            : flags.Contains("APPEND") ? (flags.Contains("CREATE") ? FileMode.Append : FileMode.Open)
            : flags.Contains("CREATE") ? (flags.Contains("TRUNCATE_EXISTING") ? FileMode.Create : FileMode.OpenOrCreate)
            : flags.Contains("TRUNCATE_EXISTING") ? FileMode.Truncate : FileMode.Open;
        try
        {
            var encoding = charsetName.Value.Equals("UTF-8", StringComparison.OrdinalIgnoreCase)
                ? new System.Text.UTF8Encoding(false)
                : System.Text.Encoding.GetEncoding(charsetName.Value);
            using var stream = new FileStream(path.Value, mode, FileAccess.Write);
            if (mode == FileMode.Append) stream.Seek(0, SeekOrigin.End);
            var bytes = encoding.GetBytes(text.Value);
            stream.Write(bytes, 0, bytes.Length);
            return ExecResult(0, "Finish writing to the file with success!", "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ExecResult(1, "", "Serialize error writing to the file: " + e.Message);
        }
    }

    private static BuiltinSymbol Refused(string name, int arity, string what) =>
        LibraryOverrides.Plain(name, arity, _ => throw new EvalException($"{name} is not supported by this checker ({what})."));
}
