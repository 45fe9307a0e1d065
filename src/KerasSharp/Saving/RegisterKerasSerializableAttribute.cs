using System;

namespace KerasSharp.Saving;

/// <summary>
/// Registers a user class (a layer or model) for loading from configs under "<c>package&gt;name</c>" (Keras:
/// <c>@keras.saving.register_keras_serializable(package="Custom", name=None)</c>, keras/src/saving/object_registration.py).
/// <c>model.save</c> writes that registered name, and <c>load_model</c> finds the class by it in every loaded assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisterKerasSerializableAttribute : Attribute
{
    /// <summary>Registers the class as <c>package&gt;name</c>; <paramref name="name"/> defaults to the class name.</summary>
    public RegisterKerasSerializableAttribute(string package = "Custom", string? name = null)
    {
        this.package = package;
        this.name = name;
    }

    /// <summary>The package part of the registered name.</summary>
    public string package { get; }

    /// <summary>The name part, or null for the class name.</summary>
    public string? name { get; }
}
