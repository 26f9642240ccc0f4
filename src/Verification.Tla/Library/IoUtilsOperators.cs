using System.Collections;
using System.Globalization;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The community module IOUtils: IOEnv (the environment as a record) and atoi. IOSerialize and
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
        Refused("Serialize", 3, "running a serializer"),
        Refused("Deserialize", 2, "running a deserializer"),
        Refused("IOExec", 1, "running a program"),
        Refused("IOEnvExec", 2, "running a program"),
        Refused("IOExecTemplate", 2, "running a program"),
        Refused("IOEnvExecTemplate", 3, "running a program"),
    ];

    private static BuiltinSymbol Refused(string name, int arity, string what) =>
        LibraryOverrides.Plain(name, arity, _ => throw new EvalException($"{name} is not supported by this checker ({what})."));
}
