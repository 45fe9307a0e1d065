using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace KerasSharp.Saving;

/// <summary>
/// Registered user classes (Keras: <c>GLOBAL_CUSTOM_OBJECTS</c> / <c>GLOBAL_CUSTOM_NAMES</c> and the
/// <c>custom_objects</c> of <c>load_model</c>, keras/src/saving/object_registration.py): a class is known by its
/// registered name "<c>package&gt;Name</c>", registered with <see cref="RegisterKerasSerializableAttribute"/> or
/// <c>keras.saving.register_keras_serializable</c>, or given for one load as <c>custom_objects</c>.
/// </summary>
internal static class ObjectRegistration
{
    static readonly ConcurrentDictionary<string, Type> Registered = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<Type, string> Names = new();
    static readonly AsyncLocal<IReadOnlyDictionary<string, Type>?> Scoped = new();

    /// <summary>Registers <paramref name="type"/> as "package&gt;name" (Keras: <c>register_keras_serializable</c>); returns that name.</summary>
    internal static string Register(Type type, string package, string? name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(package);
        if (package.Contains('>'))
            throw new ArgumentException($"The package name '{package}' cannot contain '>' (it separates the package from the class name).", nameof(package));
        var registered = $"{package}>{name ?? type.Name}";
        if (Registered.TryGetValue(registered, out var existing) && existing != type)
            throw new ArgumentException($"{registered} has already been registered to {existing.FullName}.", nameof(name));
        Registered[registered] = type;
        Names[type] = registered;
        return registered;
    }

    /// <summary>The registered name of <paramref name="type"/> (explicit registration or attribute), or null.</summary>
    internal static string? RegisteredName(Type type)
    {
        if (Names.TryGetValue(type, out var n)) return n;
        return type.GetCustomAttribute<RegisterKerasSerializableAttribute>() is { } a ? Register(type, a.package, a.name) : null;
    }

    /// <summary>
    /// The user class for a config entry: the load's <c>custom_objects</c> by registered name then class name, then the
    /// global registrations (attributes in every loaded assembly included), or null.
    /// </summary>
    internal static Type? Find(string className, string? registeredName)
    {
        if (Scoped.Value is { } custom)
        {
            if (registeredName is not null && custom.TryGetValue(registeredName, out var t)) return t;
            if (custom.TryGetValue(className, out t)) return t;
        }
        if (registeredName is null) return null;
        if (Registered.TryGetValue(registeredName, out var r)) return r;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Type[] types;
            try { types = assembly.GetTypes(); }
            catch (ReflectionTypeLoadException e) { types = e.Types.Where(x => x is not null).ToArray()!; }
            foreach (var type in types)
                if (type.GetCustomAttribute<RegisterKerasSerializableAttribute>() is not null && RegisteredName(type) == registeredName)
                    return type;
        }
        return null;
    }

    /// <summary>Makes <paramref name="customObjects"/> visible to <see cref="Find"/> until disposed (Keras: <c>CustomObjectScope</c>).</summary>
    internal static IDisposable Scope(IReadOnlyDictionary<string, Type>? customObjects)
    {
        var previous = Scoped.Value;
        Scoped.Value = customObjects;
        return new Restore(() => Scoped.Value = previous);
    }

    sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
