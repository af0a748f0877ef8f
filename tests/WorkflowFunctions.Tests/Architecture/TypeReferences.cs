using System.Reflection;
using System.Reflection.Emit;

namespace WorkflowFunctions.Tests.Architecture;

/// <summary>
/// The types and members a type uses, read by reflection: its signatures (base type, interfaces, fields,
/// properties, method parameters and returns) and every type or member its method bodies refer to (IL operands),
/// including those of its nested compiler-generated types (lambdas, async state machines).
/// </summary>
internal static class TypeReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> (and its nested types) uses, and every member its code calls or reads.</summary>
    public static (IReadOnlySet<Type> Types, IReadOnlySet<MemberInfo> Members) Of(Type type)
    {
        var types = new HashSet<Type>();
        var members = new HashSet<MemberInfo>();
        foreach (var t in WithNested(type))
        {
            Add(types, t.BaseType);
            foreach (var i in t.GetInterfaces())
            {
                Add(types, i);
            }

            foreach (var field in t.GetFields(Everything))
            {
                Add(types, field.FieldType);
            }

            foreach (var property in t.GetProperties(Everything))
            {
                Add(types, property.PropertyType);
            }

            foreach (var method in t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            {
                if (method is MethodInfo m)
                {
                    Add(types, m.ReturnType);
                }

                foreach (var parameter in method.GetParameters())
                {
                    Add(types, parameter.ParameterType);
                }

                foreach (var member in BodyReferences(method))
                {
                    members.Add(member);
                    Add(types, member as Type ?? member.DeclaringType);
                    switch (member)
                    {
                        case FieldInfo f:
                            Add(types, f.FieldType);
                            break;
                        case MethodInfo mi:
                            Add(types, mi.ReturnType);
                            foreach (var argument in mi.IsGenericMethod ? mi.GetGenericArguments() : [])
                            {
                                Add(types, argument);
                            }

                            break;
                    }
                }
            }
        }

        return (types, members);
    }

    private static IEnumerable<Type> WithNested(Type type) => [type, .. type.GetNestedTypes(Everything).SelectMany(WithNested)];

    private static void Add(HashSet<Type> types, Type? type)
    {
        if (type is null || !types.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(types, type.GetElementType());
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(types, argument);
            }
        }
    }

    private static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    MemberInfo? member = null;
                    try
                    {
                        member = module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A token that cannot be resolved in this generic context: nothing to check.
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (BitConverter.ToInt32(il, position) * 4);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }
}
