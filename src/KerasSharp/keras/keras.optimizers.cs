using KerasSharp.Optimizers;

namespace KerasSharp;

public static partial class keras
{
    /// <summary>Optimizers with Keras's update rules and defaults (Keras: <c>keras.optimizers</c>).</summary>
    public static partial class optimizers
    {
        /// <summary>Keras's SGD (learning rate 0.01).</summary>
        public static SGD SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
            double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, momentum, nesterov, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Adam (1e-3, 0.9, 0.999, ε 1e-7).</summary>
        public static Adam Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's AdamW (weight decay 0.004).</summary>
        public static AdamW AdamW(LearningRate? learning_rate = null, double weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
            bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, weight_decay, beta_1, beta_2, epsilon, amsgrad, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's RMSprop (1e-3, ρ 0.9, ε 1e-7 inside the root).</summary>
        public static RMSprop RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, rho, momentum, epsilon, centered, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Adagrad (1e-3, accumulator 0.1).</summary>
        public static Adagrad Adagrad(LearningRate? learning_rate = null, double initial_accumulator_value = 0.1, double epsilon = 1e-7,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, initial_accumulator_value, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Adadelta (1e-3, ρ 0.95).</summary>
        public static Adadelta Adadelta(LearningRate? learning_rate = null, double rho = 0.95, double epsilon = 1e-7,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, rho, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Adamax.</summary>
        public static Adamax Adamax(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Nadam.</summary>
        public static Nadam Nadam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, beta_1, beta_2, epsilon, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Keras's Lion.</summary>
        public static Lion Lion(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.99,
            double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null) =>
            new(learning_rate, beta_1, beta_2, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name);

        /// <summary>Dynamic loss scaling around an optimizer for float16 training (Keras: <c>keras.optimizers.LossScaleOptimizer</c>; 2¹⁵, 2000).</summary>
        public static LossScaleOptimizer LossScaleOptimizer(Optimizer inner_optimizer, double initial_scale = 32768.0, int dynamic_growth_steps = 2000, string? name = null) =>
            new(inner_optimizer, initial_scale, dynamic_growth_steps, name);

        /// <summary>An optimizer by name, case-insensitively, with Keras's defaults.</summary>
        public static Optimizer get(string identifier) => Optimizer.get(identifier);
    }
}
