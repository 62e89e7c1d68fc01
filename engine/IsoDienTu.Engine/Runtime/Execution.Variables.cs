using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    /// <summary>Parsed expressions by text. Parsing is pure, so sharing the results across decisions is safe.</summary>
    private static readonly ConcurrentDictionary<string, Expression> Compiled = new(StringComparer.Ordinal);

    private static Expression Compile(string text, string elementId) =>
        Compiled.TryGetValue(text, out var cached) ? cached
        : Expression.TryParse(text, out var parsed, out var error) && parsed is not null ? Compiled.GetOrAdd(text, parsed)
        : throw new EngineException(EngineError.InvalidDefinition, $"Expression '{text}' on '{elementId}' does not parse: {error?.Message}", elementId);

    /// <summary>Expression wrappers mark a value to compute; anything else is a literal (a group name, a duration).</summary>
    private static bool IsExpression(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith("${", StringComparison.Ordinal) || trimmed.StartsWith("#{", StringComparison.Ordinal)
            || trimmed.StartsWith('=');
    }

    private bool EvaluateCondition(SequenceFlow flow, long scopeId) => EvaluateCondition(flow.Condition!, scopeId, flow.Id);

    private bool EvaluateCondition(string text, long scopeId, string elementId)
    {
        try
        {
            return Compile(text, elementId).EvaluateCondition(name => Lookup(scopeId, name));
        }
        catch (ExpressionEvaluationException e)
        {
            throw new EngineException(EngineError.ExpressionFailed, $"Condition '{text}' on '{elementId}' failed: {e.Message}", elementId);
        }
    }

    private JsonElement EvaluateValue(string text, long scopeId, string elementId)
    {
        try
        {
            return Compile(text, elementId).Evaluate(name => Lookup(scopeId, name));
        }
        catch (ExpressionEvaluationException e)
        {
            throw new EngineException(EngineError.ExpressionFailed, $"Expression '{text}' on '{elementId}' failed: {e.Message}", elementId);
        }
    }

    private string EvaluateText(string text, long scopeId, string elementId)
    {
        if (!IsExpression(text))
        {
            return text.Trim();
        }

        var value = EvaluateValue(text, scopeId, elementId);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ToString();
    }

    /// <summary>Innermost scope first: iteration locals shadow sub-process variables, which shadow the process's.</summary>
    private JsonElement? Lookup(long scopeId, string name)
    {
        for (var scope = FindScope(scopeId); scope is not null; scope = scope.ParentId is { } p ? FindScope(p) : null)
        {
            if (scope.Variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private ImmutableDictionary<string, JsonElement> VisibleVariables(long scopeId)
    {
        var result = VariableMap.Empty;
        for (var scope = FindScope(scopeId); scope is not null; scope = scope.ParentId is { } p ? FindScope(p) : null)
        {
            foreach (var (name, value) in scope.Variables)
            {
                if (!result.ContainsKey(name))
                {
                    result = result.Add(name, value);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Sets each variable where it is already defined (nearest scope), else on the process: results of a step are
    /// the dossier's data, not the step's. Multi-instance bookkeeping scopes never receive new names.
    /// </summary>
    private void SetVariables(long scopeId, ImmutableDictionary<string, JsonElement> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var root = _scopes.Single(s => s.ParentId is null);
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var target = root;
            for (var scope = FindScope(scopeId); scope is not null; scope = scope.ParentId is { } p ? FindScope(p) : null)
            {
                if (scope.Variables.ContainsKey(name))
                {
                    target = scope;
                    break;
                }
            }

            Replace(target with { Variables = target.Variables.SetItem(name, value) });
            if (target.Id == root.Id)
            {
                root = ScopeById(root.Id);
            }
        }

        Emit(new VariablesSet(scopeId, values));
    }
}
