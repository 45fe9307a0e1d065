namespace KerasSharp.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Keras: <c>keras.optimizers.AdamW</c>, a subclass of Adam with weight_decay
/// 0.004): <c>w -= lr·wd·w</c> before Keras's Adam step. (torch.optim.AdamW: weight_decay 0.01, ε 1e-8.)
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Keras's arguments.</summary>
    public AdamW(LearningRate? learning_rate = null, double weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, bool use_ema = false, double ema_momentum = 0.99, int? ema_overwrite_frequency = null, string? name = null)
        : base(learning_rate ?? 0.001, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency, name)
    {
    }
}
