using System.Text;

namespace Verification.Tla.Values;

/// <summary>
/// Prints values the way TLC does in error traces and in Print/ToString: <c>{1, 2}</c>,
/// <c>&lt;&lt;1, "a"&gt;&gt;</c>, <c>[a |-&gt; 1, b |-&gt; 2]</c>, <c>(0 :&gt; FALSE @@ 1 :&gt; TRUE)</c>,
/// <c>1..3</c>, <c>SUBSET {1}</c>, <c>[S -&gt; T]</c>, <c>Seq(S)</c>, <c>[a : S]</c>, <c>S \X T</c>.
/// </summary>
public static class ValuePrinter
{
    public static string Print(Value value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, Value value)
    {
        switch (value)
        {
            case BoolValue b:
                sb.Append(b.Value ? "TRUE" : "FALSE");
                break;
            case IntValue i:
                sb.Append(i.Value);
                break;
            case StringValue s:
                AppendString(sb, s.Value);
                break;
            case ModelValue m:
                sb.Append(m.Name);
                break;
            case FiniteSetValue set:
                AppendList(sb, "{", set.Elements, "}");
                break;
            case IntervalValue interval:
                sb.Append(interval.Low).Append("..").Append(interval.High);
                break;
            case InfiniteBuiltinSet builtin:
                sb.Append(builtin.Name);
                break;
            case PowerSetValue power:
                sb.Append("SUBSET ");
                Append(sb, power.BaseSet);
                break;
            case FunctionSetValue functions:
                sb.Append('[');
                Append(sb, functions.DomainSet);
                sb.Append(" -> ");
                Append(sb, functions.RangeSet);
                sb.Append(']');
                break;
            case SeqSetValue seq:
                sb.Append("Seq(");
                Append(sb, seq.ElementSet);
                sb.Append(')');
                break;
            case RecordSetValue records:
                sb.Append('[');
                for (var k = 0; k < records.FieldNames.Length; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(records.FieldNames[k].Value).Append(" : ");
                    Append(sb, records.FieldSets[k]);
                }
                sb.Append(']');
                break;
            case CartesianProductValue product:
                for (var k = 0; k < product.Factors.Length; k++)
                {
                    if (k > 0) sb.Append(" \\X ");
                    Append(sb, product.Factors[k]);
                }
                break;
            case FilteredSetValue filtered:
                sb.Append("{x \\in ");
                Append(sb, filtered.Domain);
                sb.Append(" : ...}");
                break;
            case UnionOfSetsValue union:
                sb.Append("UNION ");
                Append(sb, union.Sets);
                break;
            case CombinedSetValue combined:
                Append(sb, combined.Left);
                sb.Append(' ').Append(combined.Operator).Append(' ');
                Append(sb, combined.Right);
                break;
            case SetValue other:
                if (other.IsFinite) Append(sb, other.ToFinite());
                else sb.Append(other.GetType().Name);
                break;
            case FunctionValue f:
                AppendFunction(sb, f);
                break;
            case LazyFunctionValue lazy:
                if (lazy.Domain.IsFinite)
                {
                    AppendFunction(sb, lazy.ToFinite());
                }
                else
                {
                    sb.Append("[x \\in ");
                    Append(sb, lazy.Domain);
                    sb.Append(" |-> ...]");
                }
                break;
            default:
                sb.Append(value.GetType().Name);
                break;
        }
    }

    private static void AppendFunction(StringBuilder sb, FunctionValue f)
    {
        if (f.IsTuple)
        {
            AppendList(sb, "<<", f.Values, ">>");
        }
        else if (f.IsRecord)
        {
            sb.Append('[');
            for (var k = 0; k < f.Count; k++)
            {
                if (k > 0) sb.Append(", ");
                sb.Append(((StringValue)f.DomainElements[k]).Value).Append(" |-> ");
                Append(sb, f.Values[k]);
            }
            sb.Append(']');
        }
        else
        {
            sb.Append('(');
            for (var k = 0; k < f.Count; k++)
            {
                if (k > 0) sb.Append(" @@ ");
                Append(sb, f.DomainElements[k]);
                sb.Append(" :> ");
                Append(sb, f.Values[k]);
            }
            sb.Append(')');
        }
    }

    private static void AppendList(StringBuilder sb, string open, ReadOnlySpan<Value> items, string close)
    {
        sb.Append(open);
        for (var k = 0; k < items.Length; k++)
        {
            if (k > 0) sb.Append(", ");
            Append(sb, items[k]);
        }
        sb.Append(close);
    }

    /// <summary>A TLA+ string literal with TLC's escapes.</summary>
    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
