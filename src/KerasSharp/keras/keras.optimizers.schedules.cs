using KerasSharp.Optimizers.Schedules;

namespace KerasSharp;

public static partial class keras
{
    public static partial class optimizers
    {
        /// <summary>Learning-rate schedules (Keras: <c>keras.optimizers.schedules</c>).</summary>
        public static class schedules
        {
            /// <summary><c>initial * rate^(step / decay_steps)</c> (Keras: <c>ExponentialDecay</c>).</summary>
            public static ExponentialDecay ExponentialDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false,
                string name = "ExponentialDecay") => new(initial_learning_rate, decay_steps, decay_rate, staircase, name);

            /// <summary><c>initial / (1 + rate * step / decay_steps)</c> (Keras: <c>InverseTimeDecay</c>).</summary>
            public static InverseTimeDecay InverseTimeDecay(double initial_learning_rate, long decay_steps, double decay_rate, bool staircase = false,
                string name = "InverseTimeDecay") => new(initial_learning_rate, decay_steps, decay_rate, staircase, name);

            /// <summary>Constant pieces between boundaries (Keras: <c>PiecewiseConstantDecay</c>).</summary>
            public static PiecewiseConstantDecay PiecewiseConstantDecay(double[] boundaries, double[] values, string name = "PiecewiseConstant") =>
                new(boundaries, values, name);

            /// <summary>Polynomial decay to an end rate (Keras: <c>PolynomialDecay</c>).</summary>
            public static PolynomialDecay PolynomialDecay(double initial_learning_rate, long decay_steps, double end_learning_rate = 0.0001, double power = 1.0,
                bool cycle = false, string name = "PolynomialDecay") => new(initial_learning_rate, decay_steps, end_learning_rate, power, cycle, name);

            /// <summary>Cosine decay with optional linear warmup (Keras: <c>CosineDecay</c>).</summary>
            public static CosineDecay CosineDecay(double initial_learning_rate, long decay_steps, double alpha = 0.0, string name = "CosineDecay",
                double? warmup_target = null, long warmup_steps = 0) => new(initial_learning_rate, decay_steps, alpha, name, warmup_target, warmup_steps);

            /// <summary>Cosine decay with warm restarts (Keras: <c>CosineDecayRestarts</c>).</summary>
            public static CosineDecayRestarts CosineDecayRestarts(double initial_learning_rate, long first_decay_steps, double t_mul = 2.0, double m_mul = 1.0,
                double alpha = 0.0, string name = "SGDRDecay") => new(initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha, name);
        }
    }
}
