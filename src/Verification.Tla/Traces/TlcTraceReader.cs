using System.Text;
using Verification.Tla.Values;

namespace Verification.Tla.Traces;

/// <summary>A value or trace in TLC's printed form that cannot be read; the message starts with line:col.</summary>
public sealed class TlcTraceFormatException(string? fileName, int line, int column, string problem)
    : Exception($"{fileName ?? "<trace>"}:{line}:{column}: {problem}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>One state of a trace as TLC printed it.</summary>
/// <param name="Number">The k of "State k:".</param>
/// <param name="Header">What follows "State k: ", e.g. "&lt;Initial predicate&gt;" or "Stuttering".</param>
/// <param name="Variables">The variables in the order printed.</param>
public sealed record TlcTraceState(int Number, string Header, IReadOnlyList<KeyValuePair<string, Value>> Variables);

/// <summary>
/// Reads what <see cref="TlcTracePrinter"/> and TLC print: values (<c>{1, 2}</c>, <c>&lt;&lt;"a"&gt;&gt;</c>,
/// <c>[a |-&gt; 1]</c>, <c>(p1 :&gt; 0 @@ p2 :&gt; 1)</c>, <c>1..3</c>, Nat, Int, STRING, TRUE, model values by
/// name; not the other lazily represented sets such as SUBSET S or [S -&gt; T]) and
/// error traces ("State k: ..." blocks of <c>/\ x = v</c> lines, values possibly broken across lines).
/// Lets a test compare our counterexamples with TLC's value by value.
/// </summary>
public sealed class TlcTraceReader
{
    private readonly string _text;
    private readonly string? _fileName;
    private readonly ModelValueRegistry _modelValues;
    private int _position;

    private TlcTraceReader(string text, string? fileName, ModelValueRegistry? modelValues)
    {
        _text = text;
        _fileName = fileName;
        _modelValues = modelValues ?? new ModelValueRegistry();
    }

    /// <summary>
    /// Parses one printed value. An identifier other than TRUE/FALSE is a model value, taken from
    /// (or added to) <paramref name="modelValues"/>.
    /// </summary>
    public static Value ParseValue(string text, ModelValueRegistry? modelValues = null)
    {
        var reader = new TlcTraceReader(text, null, modelValues);
        var value = reader.ReadValue();
        reader.SkipSpace();
        if (reader._position < text.Length) throw reader.Error("unexpected text after the value");
        return value;
    }

    /// <summary>
    /// Reads every "State k:" block of a TLC output or of <see cref="TlcTracePrinter.FormatTrace"/>;
    /// other lines (messages, "Back to state", summaries) are skipped.
    /// </summary>
    public static IReadOnlyList<TlcTraceState> ParseTrace(string output, string? fileName = null, ModelValueRegistry? modelValues = null)
    {
        var lines = output.Replace("\r\n", "\n").Split('\n');
        var states = new List<TlcTraceState>();
        var registry = modelValues ?? new ModelValueRegistry();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!TryParseStateHeader(lines[i], out var number, out var header)) continue;
            var variables = new List<KeyValuePair<string, Value>>();
            var j = i + 1;
            // "State k: Stuttering" closes a lasso and has no variables; other lines follow at once.
            while (header != "Stuttering" && j < lines.Length && IsAssignment(lines[j]))
            {
                var start = j;
                var assignment = new StringBuilder(lines[j]);
                // A value wider than the line continues on lines that do not start a new conjunct.
                while (j + 1 < lines.Length && lines[j + 1].Length > 0 && !lines[j + 1].StartsWith("/\\ ", StringComparison.Ordinal)
                       && !TryParseStateHeader(lines[j + 1], out _, out _))
                {
                    assignment.Append('\n').Append(lines[++j]);
                }
                variables.Add(ParseAssignment(assignment.ToString(), fileName, start + 1, registry));
                j++;
            }
            states.Add(new TlcTraceState(number, header, variables));
            i = j - 1;
        }
        return states;
    }

    private static bool IsAssignment(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, @"^(/\\ )?[A-Za-z_][A-Za-z0-9_]* = ");

    private static bool TryParseStateHeader(string line, out int number, out string header)
    {
        number = 0;
        header = "";
        if (!line.StartsWith("State ", StringComparison.Ordinal)) return false;
        var colon = line.IndexOf(':');
        if (colon < 0 || !int.TryParse(line.AsSpan(6, colon - 6), out number)) return false;
        header = line[(colon + 1)..].Trim();
        return true;
    }

    private static KeyValuePair<string, Value> ParseAssignment(string text, string? fileName, int line, ModelValueRegistry registry)
    {
        var body = text.StartsWith("/\\ ", StringComparison.Ordinal) ? text[3..] : text;
        var offset = text.Length - body.Length;
        var equals = body.IndexOf(" = ", StringComparison.Ordinal);
        if (equals <= 0) throw new TlcTraceFormatException(fileName, line, 1, "expected a line of the form '/\\ name = value'");
        var name = body[..equals];
        var reader = new TlcTraceReader(body, fileName, registry) { _position = equals + 3 };
        try
        {
            var value = reader.ReadValue();
            reader.SkipSpace();
            if (reader._position < body.Length) throw reader.Error("unexpected text after the value");
            return new(name, value);
        }
        catch (TlcTraceFormatException e)
        {
            // Positions inside the assignment are relative to it; make them relative to the file.
            var extraColumns = e.Line == 1 ? offset : 0;
            throw new TlcTraceFormatException(fileName, line + e.Line - 1, e.Column + extraColumns,
                e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        }
    }

    // ---- values ------------------------------------------------------------------------------

    private const int MaxNesting = 512;
    private int _nesting;

    private Value ReadValue()
    {
        if (++_nesting > MaxNesting) throw Error($"the value is nested more than {MaxNesting} levels deep");
        try
        {
            return ReadValueUnguarded();
        }
        finally
        {
            _nesting--;
        }
    }

    private Value ReadValueUnguarded()
    {
        SkipSpace();
        if (_position >= _text.Length) throw Error("expected a value");
        var c = _text[_position];
        if (c == '{') return ReadSet();
        if (c == '<' && Peek("<<")) return ReadTuple();
        if (c == '[') return ReadRecord();
        if (c == '(') return ReadFunction();
        if (c == '"') return StringValue.Of(ReadString());
        if (c == '-' || char.IsDigit(c))
        {
            var low = ReadInteger();
            SkipSpace();
            if (!Peek("..")) return IntValue.Of(low);
            _position += 2;
            SkipSpace();
            return new IntervalValue(low, ReadInteger());
        }
        if (char.IsLetter(c) || c == '_')
        {
            var name = ReadIdentifier();
            return name switch
            {
                "TRUE" => BoolValue.True,
                "FALSE" => BoolValue.False,
                "Nat" => InfiniteBuiltinSet.Nat,
                "Int" => InfiniteBuiltinSet.Int,
                "STRING" => InfiniteBuiltinSet.String,
                _ => _modelValues.Get(name),
            };
        }
        throw Error($"unexpected '{c}'; expected a value");
    }

    private FiniteSetValue ReadSet()
    {
        _position++;
        return FiniteSetValue.Of(ReadList("}"));
    }

    private FunctionValue ReadTuple()
    {
        _position += 2;
        return FunctionValue.Tuple(ReadList(">>").ToArray());
    }

    private List<Value> ReadList(string close)
    {
        var items = new List<Value>();
        SkipSpace();
        if (Peek(close))
        {
            _position += close.Length;
            return items;
        }
        while (true)
        {
            items.Add(ReadValue());
            SkipSpace();
            if (Peek(close))
            {
                _position += close.Length;
                return items;
            }
            Expect(",");
        }
    }

    private FunctionValue ReadRecord()
    {
        _position++;
        var fields = new List<KeyValuePair<string, Value>>();
        while (true)
        {
            SkipSpace();
            var fieldStart = _position;
            var name = ReadIdentifier();
            if (fields.Any(f => f.Key == name))
            {
                _position = fieldStart;
                throw Error($"the field {Messages.Quote(name)} appears twice");
            }
            SkipSpace();
            Expect("|->");
            fields.Add(new(name, ReadValue()));
            SkipSpace();
            if (Peek("]"))
            {
                _position++;
                return FunctionValue.Record(fields);
            }
            Expect(",");
        }
    }

    private FunctionValue ReadFunction()
    {
        _position++;
        var pairs = new List<KeyValuePair<Value, Value>>();
        while (true)
        {
            SkipSpace();
            var keyStart = _position;
            var key = ReadValue();
            if (pairs.Any(p => p.Key.Equals(key)))
            {
                _position = keyStart;
                throw Error($"the argument {Messages.Truncate(ValuePrinter.Print(key))} appears twice");
            }
            SkipSpace();
            Expect(":>");
            pairs.Add(new(key, ReadValue()));
            SkipSpace();
            if (Peek(")"))
            {
                _position++;
                return FunctionValue.FromPairs(pairs);
            }
            Expect("@@");
        }
    }

    private string ReadString()
    {
        var sb = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length) throw Error("unterminated string");
            var c = _text[_position++];
            if (c == '"') return sb.ToString();
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_position >= _text.Length) throw Error("unterminated string");
            var escaped = _text[_position++];
            sb.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'f' => '\f',
                '"' => '"',
                '\\' => '\\',
                _ => throw Error($"unknown escape \\{escaped}"),
            });
        }
    }

    private int ReadInteger()
    {
        var start = _position;
        if (_position < _text.Length && _text[_position] == '-') _position++;
        while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
        if (!int.TryParse(_text.AsSpan(start, _position - start), out var n))
        {
            var digits = _text[start.._position];
            _position = start;
            throw Error($"'{Messages.Truncate(digits)}' is not an integer in TLC's range");
        }
        return n;
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_')) _position++;
        if (_position == start) throw Error("expected a name");
        return _text[start.._position];
    }

    private void Expect(string token)
    {
        SkipSpace();
        if (!Peek(token)) throw Error($"expected '{token}'");
        _position += token.Length;
    }

    private bool Peek(string token) => string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private TlcTraceFormatException Error(string problem)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new TlcTraceFormatException(_fileName, line, _position - lineStart + 1, problem);
    }
}
