using System.Globalization;
using System.Text;

namespace Verification.Tla.Syntax;

/// <summary>
/// Prints syntax trees back to TLA+ text that parses to the same tree (up to spans). Every
/// compound expression is parenthesized, so the output never depends on precedence; junction
/// lists are laid out one bullet per line, aligned on the bullet's column, which is the only
/// place where layout carries meaning.
/// </summary>
public sealed class TlaPrinter
{
    private readonly StringBuilder _text = new();
    private int _lineStart;

    private int Column => _text.Length - _lineStart + 1;

    public static string Print(Expression expression)
    {
        var printer = new TlaPrinter();
        printer.Write(expression);
        return printer._text.ToString();
    }

    public static string Print(Module module)
    {
        var printer = new TlaPrinter();
        printer.WriteModule(module);
        return printer._text.ToString();
    }

    private void Append(string text) => _text.Append(text);

    private void NewLineAt(int column)
    {
        _text.Append('\n');
        _lineStart = _text.Length;
        _text.Append(' ', column - 1);
    }

    private void WriteModule(Module module)
    {
        Append($"---- MODULE {module.Name.Name} ----");
        if (module.Extends.Count > 0)
        {
            NewLineAt(1);
            Append("EXTENDS " + string.Join(", ", module.Extends.Select(e => e.Name)));
        }

        foreach (var unit in module.Units)
        {
            NewLineAt(1);
            WriteUnit(unit);
        }

        NewLineAt(1);
        Append("====");
        NewLineAt(1);
    }

    private void WriteUnit(Unit unit)
    {
        switch (unit)
        {
            case ConstantsDeclaration constants:
                Append("CONSTANTS " + string.Join(", ", constants.Constants.Select(DeclaredText)));
                break;
            case VariablesDeclaration variables:
                Append("VARIABLES " + string.Join(", ", variables.Variables.Select(v => v.Name)));
                break;
            case Assumption assumption:
                Append(assumption.IsTheorem ? "THEOREM " : assumption.IsAxiom ? "AXIOM " : "ASSUME ");
                if (assumption.Name is not null) Append(assumption.Name.Name + " == ");
                Write(assumption.Body);
                break;
            case RecursiveDeclaration recursive:
                Append("RECURSIVE " + string.Join(", ", recursive.Operators.Select(DeclaredText)));
                break;
            case OperatorDefinition definition:
                if (definition.IsLocal) Append("LOCAL ");
                WriteOperatorHead(definition);
                Append(" == ");
                Write(definition.Body);
                break;
            case FunctionDefinition function:
                if (function.IsLocal) Append("LOCAL ");
                Append(function.Name.Name + "[");
                WriteBinders(function.Binders);
                Append("] == ");
                Write(function.Body);
                break;
            case InstanceUnit instance:
                if (instance.IsLocal) Append("LOCAL ");
                WriteInstance(instance.Instance);
                break;
            case ModuleDefinition definition:
                if (definition.IsLocal) Append("LOCAL ");
                Append(definition.Name.Name);
                if (definition.Parameters.Count > 0) Append("(" + string.Join(", ", definition.Parameters.Select(ParameterText)) + ")");
                Append(" == ");
                WriteInstance(definition.Instance);
                break;
            case NestedModule nested:
                WriteModule(nested.Module);
                break;
            default:
                throw new ArgumentException($"unknown unit {unit.GetType().Name}");
        }
    }

    private void WriteOperatorHead(OperatorDefinition definition)
    {
        var parameters = definition.Parameters;
        switch (definition.Form)
        {
            case OperatorForm.Infix:
                Append($"{parameters[0].Name} {definition.Name.Name} {parameters[1].Name}");
                break;
            case OperatorForm.Prefix:
                Append($"{definition.Name.Name} {parameters[0].Name}");
                break;
            case OperatorForm.Postfix:
                Append($"{parameters[0].Name}{definition.Name.Name}");
                break;
            default:
                Append(definition.Name.Name);
                if (parameters.Count > 0) Append("(" + string.Join(", ", parameters.Select(ParameterText)) + ")");
                break;
        }
    }

    private static string DeclaredText(DeclaredOperator declared) => Template(declared.Name, declared.Arity);

    private static string ParameterText(OperatorParameter parameter) => Template(parameter.Name, parameter.Arity);

    /// <summary>`N`, `F(_, _)`, or for symbols `_ + _`, `-. _`, `_ ^+`.</summary>
    private static string Template(string name, int arity)
    {
        if (arity == 0) return name;
        if (OperatorSymbols.InfixOperator(name) is not null && arity == 2) return $"_ {name} _";
        if (OperatorSymbols.PostfixOperator(name) is not null && arity == 1) return $"_ {name}";
        if (name is "-." or "~" && arity == 1) return $"{name} _";
        return name + "(" + string.Join(", ", Enumerable.Repeat("_", arity)) + ")";
    }

    private void WriteInstance(Instance instance)
    {
        Append("INSTANCE " + instance.ModuleName.Name);
        for (var i = 0; i < instance.Substitutions.Count; i++)
        {
            Append(i == 0 ? " WITH " : ", ");
            Append(instance.Substitutions[i].Name.Name + " <- ");
            WriteArgument(instance.Substitutions[i].Value);
        }
    }

    private static bool IsSymbolName(string name) => name.Length > 0 && !char.IsAsciiLetterOrDigit(name[0]) && name[0] != '_';

    private void Write(Expression expression)
    {
        switch (expression)
        {
            case NumberLiteral number:
                if (number.Value.Sign < 0) throw new ArgumentException("number literals are never negative; use prefix '-.'");
                Append(number.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DecimalLiteral decimalLiteral:
                Append(decimalLiteral.Text);
                break;
            case StringLiteral text:
                Append(Quote(text.Value));
                break;
            case BooleanLiteral boolean:
                Append(boolean.Value ? "TRUE" : "FALSE");
                break;
            case NameReference reference:
                WriteNameReference(reference);
                break;
            case SubexpressionReference subexpression:
                WriteNameReference(subexpression.Operator);
                foreach (var selector in subexpression.Selectors)
                {
                    Append("!");
                    switch (selector.Kind)
                    {
                        case SelectorKind.Operand: Append(selector.Index.ToString(CultureInfo.InvariantCulture)); break;
                        case SelectorKind.LetBody: Append(":"); break;
                        case SelectorKind.Left: Append("<<"); break;
                        case SelectorKind.Right: Append(">>"); break;
                        default: WriteArguments(selector.Arguments); break;
                    }
                }
                break;
            case OperatorApplication application:
                WriteOperatorApplication(application);
                break;
            case JunctionList list:
                Append("(");
                var bulletColumn = Column;
                var bullet = list.Kind == JunctionKind.Conjunction ? "/\\ " : "\\/ ";
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0) NewLineAt(bulletColumn);
                    Append(bullet);
                    Write(list.Items[i]);
                }

                Append(")");
                break;
            case SetEnumeration set:
                Append("{");
                WriteList(set.Elements);
                Append("}");
                break;
            case SetFilter filter:
                Append("{");
                WriteBinder(filter.Binder);
                Append(" : ");
                Write(filter.Predicate);
                Append("}");
                break;
            case SetMap map:
                Append("{");
                Write(map.Body);
                Append(" : ");
                WriteBinders(map.Binders);
                Append("}");
                break;
            case FunctionConstructor function:
                Append("[");
                WriteBinders(function.Binders);
                Append(" |-> ");
                Write(function.Body);
                Append("]");
                break;
            case FunctionApplication application:
                WriteOperand(application.Function);
                Append("[");
                WriteList(application.Arguments);
                Append("]");
                break;
            case FunctionSet functionSet:
                Append("[");
                Write(functionSet.Domain);
                Append(" -> ");
                Write(functionSet.Range);
                Append("]");
                break;
            case RecordConstructor record:
                WriteFields(record.Fields, " |-> ");
                break;
            case RecordSet recordSet:
                WriteFields(recordSet.Fields, " : ");
                break;
            case TupleExpression tuple:
                Append("<<");
                WriteList(tuple.Elements);
                Append(">>");
                break;
            case FieldAccess access:
                WriteOperand(access.Record);
                Append("." + access.Field.Name);
                break;
            case Except except:
                Append("[");
                Write(except.Function);
                Append(" EXCEPT ");
                for (var i = 0; i < except.Updates.Count; i++)
                {
                    if (i > 0) Append(", ");
                    WriteExceptUpdate(except.Updates[i]);
                }

                Append("]");
                break;
            case ExceptAt:
                Append("@");
                break;
            case IfThenElse conditional:
                Append("(IF ");
                Write(conditional.Condition);
                Append(" THEN ");
                Write(conditional.Then);
                Append(" ELSE ");
                Write(conditional.Else);
                Append(")");
                break;
            case CaseExpression caseExpression:
                Append("(CASE ");
                for (var i = 0; i < caseExpression.Arms.Count; i++)
                {
                    if (i > 0) Append(" [] ");
                    Write(caseExpression.Arms[i].Guard);
                    Append(" -> ");
                    Write(caseExpression.Arms[i].Value);
                }

                if (caseExpression.Other is not null)
                {
                    Append(caseExpression.Arms.Count > 0 ? " [] OTHER -> " : "OTHER -> ");
                    Write(caseExpression.Other);
                }

                Append(")");
                break;
            case LetIn let:
                Append("(LET ");
                foreach (var definition in let.Definitions)
                {
                    WriteUnit(definition);
                    Append(" ");
                }

                Append("IN ");
                Write(let.Body);
                Append(")");
                break;
            case Quantifier quantifier:
                Append(quantifier.Kind == QuantifierKind.ForAll ? "(\\A " : "(\\E ");
                WriteBinders(quantifier.Binders);
                Append(" : ");
                Write(quantifier.Body);
                Append(")");
                break;
            case TemporalQuantifier temporal:
                Append(temporal.Kind == QuantifierKind.ForAll ? "(\\AA " : "(\\EE ");
                Append(string.Join(", ", temporal.Variables.Select(v => v.Name)));
                Append(" : ");
                Write(temporal.Body);
                Append(")");
                break;
            case Choose choose:
                Append("(CHOOSE ");
                WriteBinder(choose.Binder);
                Append(" : ");
                Write(choose.Body);
                Append(")");
                break;
            case Lambda lambda:
                // A LAMBDA is only valid as an argument; WriteArgument prints it bare.
                Append("LAMBDA " + string.Join(", ", lambda.Parameters.Select(p => p.Name)) + " : ");
                Write(lambda.Body);
                break;
            case BoxAction box:
                Append("[");
                Write(box.Action);
                Append("]_");
                WriteSubscript(box.Subscript);
                break;
            case AngleAction angle:
                Append("<<");
                Write(angle.Action);
                Append(">>_");
                WriteSubscript(angle.Subscript);
                break;
            case Fairness fairness:
                Append(fairness.Kind == FairnessKind.Weak ? "WF_" : "SF_");
                WriteSubscript(fairness.Subscript);
                Append("(");
                Write(fairness.Action);
                Append(")");
                break;
            case LabeledExpression labeled:
                Append("(" + labeled.Label.Name);
                if (labeled.Parameters.Count > 0) Append("(" + string.Join(", ", labeled.Parameters.Select(p => p.Name)) + ")");
                Append(":: ");
                Write(labeled.Body);
                Append(")");
                break;
            default:
                throw new ArgumentException($"unknown expression {expression.GetType().Name}");
        }
    }

    private void WriteNameReference(NameReference reference)
    {
        foreach (var step in reference.Path)
        {
            Append(step.Name.Name);
            WriteArguments(step.Arguments);
            Append("!");
        }

        Append(reference.Name.Name);
        WriteArguments(reference.Arguments);
    }

    private void WriteArguments(IReadOnlyList<Expression> arguments)
    {
        if (arguments.Count == 0) return;
        Append("(");
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0) Append(", ");
            WriteArgument(arguments[i]);
        }

        Append(")");
    }

    private void WriteArgument(Expression argument)
    {
        // A bare operator symbol right after '(' could lex as something else: "(*" opens a comment
        // and "(-)" is \ominus. A space keeps it the symbol: `Op( -, x)`.
        if (argument is NameReference reference && IsSymbolName(reference.Name.Name)) Append(" ");
        Write(argument);
    }

    private void WriteOperatorApplication(OperatorApplication application)
    {
        var name = application.Operator;
        switch (application.Fixity)
        {
            case Fixity.Prefix:
                Append("(");
                Append(name == "-." ? "-" : name);
                if (char.IsAsciiLetter(name[0])) Append(" ");
                WriteOperand(application.Operands[0]);
                Append(")");
                break;
            case Fixity.Postfix:
                WriteOperand(application.Operands[0]);
                Append(name);
                break;
            default:
                Append("(");
                for (var i = 0; i < application.Operands.Count; i++)
                {
                    if (i > 0) Append($" {name} ");
                    Write(application.Operands[i]);
                }

                Append(")");
                break;
        }
    }

    /// <summary>Writes an operand of a tightly binding form (prefix, postfix, f[x], r.a).</summary>
    private void WriteOperand(Expression operand)
    {
        if (IsSelfDelimiting(operand))
        {
            Write(operand);
        }
        else
        {
            Append("(");
            Write(operand);
            Append(")");
        }
    }

    /// <summary>Expressions that read as one unit whatever follows or precedes them.</summary>
    private static bool IsSelfDelimiting(Expression expression) => expression switch
    {
        NumberLiteral or DecimalLiteral or StringLiteral or BooleanLiteral or SetEnumeration or SetFilter or SetMap
            or FunctionConstructor or FunctionSet or RecordConstructor or RecordSet or TupleExpression or Except or ExceptAt
            or FunctionApplication or FieldAccess => true,
        NameReference reference => !IsSymbolName(reference.Name.Name),
        // Prefix and infix applications print their own parentheses; postfix ones end with the symbol.
        OperatorApplication => true,
        JunctionList or IfThenElse or CaseExpression or LetIn or Quantifier or TemporalQuantifier or Choose
            or LabeledExpression => true,
        _ => false,
    };

    private void WriteSubscript(Expression subscript)
    {
        if (subscript is NameReference { Arguments.Count: 0 } reference && !IsSymbolName(reference.Name.Name)
            && reference.Path.All(step => step.Arguments.Count == 0))
        {
            WriteNameReference(reference);
        }
        else if (subscript is TupleExpression)
        {
            Write(subscript);
        }
        else
        {
            Append("(");
            Write(subscript);
            Append(")");
        }
    }

    private void WriteList(IReadOnlyList<Expression> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) Append(", ");
            Write(items[i]);
        }
    }

    private void WriteFields(IReadOnlyList<RecordField> fields, string separator)
    {
        Append("[");
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) Append(", ");
            Append(fields[i].Name.Name + separator);
            Write(fields[i].Value);
        }

        Append("]");
    }

    private void WriteExceptUpdate(ExceptUpdate update)
    {
        Append("!");
        foreach (var step in update.Path)
        {
            switch (step)
            {
                case ExceptFieldStep field:
                    Append("." + field.Field.Name);
                    break;
                case ExceptIndexStep index:
                    Append("[");
                    WriteList(index.Arguments);
                    Append("]");
                    break;
            }
        }

        Append(" = ");
        Write(update.Value);
    }

    private void WriteBinders(IReadOnlyList<Binder> binders)
    {
        for (var i = 0; i < binders.Count; i++)
        {
            if (i > 0) Append(", ");
            WriteBinder(binders[i]);
        }
    }

    private void WriteBinder(Binder binder)
    {
        var names = string.Join(", ", binder.Names.Select(n => n.Name));
        Append(binder.IsTuple ? $"<<{names}>>" : names);
        if (binder.Domain is null) return;
        Append(" \\in ");
        Write(binder.Domain);
    }

    /// <summary>A TLA+ string literal with the escapes SANY knows.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\f' => "\\f",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
