using KerasSharp.Saving;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Saving (Keras: <c>keras.saving</c>).</summary>
    public static class saving
    {
        /// <summary>
        /// Registers a user class for <c>load_model</c> as "<c>package&gt;name</c>" (Keras:
        /// <c>@keras.saving.register_keras_serializable(package="Custom", name=None)</c>); the attribute
        /// <see cref="RegisterKerasSerializableAttribute"/> on the class does the same. Returns the registered name.
        /// </summary>
        public static string register_keras_serializable<T>(string package = "Custom", string? name = null) where T : class =>
            ObjectRegistration.Register(typeof(T), package, name);

        /// <summary>The registered name of <typeparamref name="T"/> (Keras: <c>get_registered_name</c>): "package&gt;Name", or the class name when unregistered.</summary>
        public static string get_registered_name<T>() where T : class => ObjectRegistration.RegisteredName(typeof(T)) ?? typeof(T).Name;
    }
}
