using System.Text;
using Verification.Tla.Values;

namespace Verification.Tla.Traces;

/// <summary>
/// Prints states and error traces in TLC's layout:
/// <code>
/// State 2: &lt;Next line 9, col 12 to line 10, col 31 of module M&gt;
/// /\ x = 1
/// /\ y = {1, 2}
/// </code>
/// Variables come in the order given (<see cref="FormatStateInTlcOrder"/> reorders them as TLC
/// does); a module with a single variable prints <c>x = 1</c>
/// without the conjunction bullet, as TLC does. A value longer than 80 columns is broken across
/// lines, one element per line, in the style of TLC's pretty-printer.
/// </summary>
public static class TlcTracePrinter
{
    public const int Width = 80;

    /// <summary>The variables of one state, one line each (no header).</summary>
    public static string FormatState(IReadOnlyList<string> variables, IReadOnlyList<Value> values)
    {
        if (variables.Count != values.Count) throw new ArgumentException("One value per variable is needed.");
        var sb = new StringBuilder();
        if (variables.Count == 1)
        {
            sb.Append(variables[0]).Append(" = ").Append(FormatValue(values[0]));
            return sb.ToString();
        }
        for (var i = 0; i < variables.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            sb.Append("/\\ ").Append(variables[i]).Append(" = ").Append(FormatValue(values[i]));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A state given in declaration order, printed in TLC's variable order (see <see cref="TlcVariableOrder"/>).
    /// </summary>
    public static string FormatStateInTlcOrder(IReadOnlyList<string> declaredVariables, IReadOnlyList<Value> values,
        int hashtableCapacity = TlcVariableOrder.DefaultCapacity)
    {
        var order = TlcVariableOrder.Order(declaredVariables, hashtableCapacity);
        return FormatState(order.Select(i => declaredVariables[i]).ToArray(), order.Select(i => values[i]).ToArray());
    }

    /// <summary><c>State 1: &lt;Initial predicate&gt;</c>.</summary>
    public static string InitialStateHeader(int number) => $"State {number}: <Initial predicate>";

    /// <summary><c>State 2: &lt;Next line 9, col 12 to line 10, col 31 of module M&gt;</c>.</summary>
    public static string ActionStateHeader(int number, string actionDescription) => $"State {number}: <{actionDescription}>";

    /// <summary>The final state of a lasso that stutters forever: <c>State 5: Stuttering</c>.</summary>
    public static string StutteringHeader(int number) => $"State {number}: Stuttering";

    /// <summary>The closing line of a lasso: <c>Back to state 2: &lt;Action line ...&gt;</c>.</summary>
    public static string BackToStateLine(int number, string actionDescription) => $"Back to state {number}: <{actionDescription}>";

    /// <summary>An action as TLC names it: <c>Next line 9, col 12 to line 10, col 31 of module M</c>.</summary>
    public static string ActionDescription(string actionName, int startLine, int startColumn, int endLine, int endColumn, string module) =>
        $"{actionName} line {startLine}, col {startColumn} to line {endLine}, col {endColumn} of module {module}";

    /// <summary>
    /// A whole trace: each state's header line, its variables, and a blank line after it, as TLC
    /// prints it after "Error: The behavior up to this point is:". A state given without values
    /// (the final "State k: Stuttering" of a lasso) prints as its header line only.
    /// </summary>
    public static string FormatTrace(IReadOnlyList<string> variables, IEnumerable<(string Header, IReadOnlyList<Value> Values)> states)
    {
        var sb = new StringBuilder();
        foreach (var (header, values) in states)
        {
            sb.Append(header).Append('\n');
            // A stuttering step that closes a lasso is printed as its header alone.
            if (values.Count > 0) sb.Append(FormatState(variables, values)).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>A value as TLC prints it in a trace, broken across lines when wider than <see cref="Width"/>.</summary>
    public static string FormatValue(Value value)
    {
        var sb = new StringBuilder();
        AppendPretty(sb, value, 0);
        return sb.ToString();
    }

    private static void AppendPretty(StringBuilder sb, Value value, int indent)
    {
        var flat = ValuePrinter.Print(value);
        if (indent + flat.Length <= Width)
        {
            sb.Append(flat);
            return;
        }
        switch (value)
        {
            case FiniteSetValue set when set.Length > 0:
                AppendBroken(sb, "{ ", set.Elements.ToArray(), " }", ",", indent, static (b, e, i) => AppendPretty(b, e, i));
                break;
            case FunctionValue { IsTuple: true, Count: > 0 } tuple:
                AppendBroken(sb, "<< ", tuple.Values.ToArray(), " >>", ",", indent, static (b, e, i) => AppendPretty(b, e, i));
                break;
            case FunctionValue { IsRecord: true } record:
            {
                var fields = Enumerable.Range(0, record.Count).ToArray();
                AppendBroken(sb, "[ ", fields, " ]", ",", indent, (b, k, i) =>
                {
                    var name = ((StringValue)record.DomainElements[k]).Value;
                    b.Append(name).Append(" |-> ");
                    AppendPretty(b, record.Values[k], i + name.Length + 5);
                });
                break;
            }
            case FunctionValue function when function.Count > 0:
            {
                var pairs = Enumerable.Range(0, function.Count).ToArray();
                AppendBroken(sb, "( ", pairs, " )", " @@", indent, (b, k, i) =>
                {
                    var key = ValuePrinter.Print(function.DomainElements[k]);
                    b.Append(key).Append(" :> ");
                    AppendPretty(b, function.Values[k], i + key.Length + 4);
                });
                break;
            }
            case LazyFunctionValue lazy when lazy.Domain.IsFinite:
                AppendPretty(sb, lazy.ToFinite(), indent);
                break;
            default:
                sb.Append(flat);
                break;
        }
    }

    private static void AppendBroken<T>(StringBuilder sb, string open, T[] items, string close, string separator, int indent,
        Action<StringBuilder, T, int> appendItem)
    {
        var itemIndent = indent + open.Length;
        sb.Append(open);
        for (var k = 0; k < items.Length; k++)
        {
            if (k > 0) sb.Append(separator).Append('\n').Append(' ', itemIndent);
            appendItem(sb, items[k], itemIndent);
        }
        sb.Append(close);
    }
}
