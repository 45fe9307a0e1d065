namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// Keras's recurrent equations step by step in double precision over plain arrays, written from
/// keras/src/layers/rnn/{simple_rnn,lstm,gru}.py (the cells' <c>call</c>) and keras/src/backend/torch/rnn.py (the time
/// loop: go_backwards reads from the end and keeps that order in the outputs; a masked step keeps the states and
/// repeats the previous output, zeros before the first). Independent of TorchSharp.
/// </summary>
internal static class KerasRecurrence
{
    internal sealed record Weights(double[,] Kernel, double[,] Recurrent, double[]? Bias, double[]? RecurrentBias = null);

    internal sealed record Result(double[][][] Outputs, double[][][] States);

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    static double HardSigmoid(double x) => Math.Clamp((x + 3) / 6, 0, 1);
    internal static Func<double, double> Activation(string name) => name switch
    {
        "tanh" => Math.Tanh,
        "sigmoid" => Sigmoid,
        "relu" => x => Math.Max(0, x),
        "hard_sigmoid" => HardSigmoid,
        "linear" => x => x,
        _ => throw new ArgumentException(name),
    };

    /// <summary>x·K (+ b) for one sample's step, all gate columns.</summary>
    static double[] Affine(double[] x, double[,] k, double[]? b)
    {
        int n = k.GetLength(1);
        var z = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s = b?[j] ?? 0;
            for (int i = 0; i < x.Length; i++) s += x[i] * k[i, j];
            z[j] = s;
        }
        return z;
    }

    /// <summary>One cell step for one sample: the output and the new states.</summary>
    internal delegate (double[] output, double[][] states) Step(double[] x, double[][] states);

    internal static Step SimpleRnn(Weights w, string activation)
    {
        var act = Activation(activation);
        return (x, s) =>
        {
            var z = Affine(x, w.Kernel, w.Bias);
            var r = Affine(s[0], w.Recurrent, null);
            var h = z.Select((v, j) => act(v + r[j])).ToArray();
            return (h, new[] { h });
        };
    }

    internal static Step Lstm(Weights w, string activation, string recurrentActivation)
    {
        var act = Activation(activation);
        var rec = Activation(recurrentActivation);
        int u = w.Recurrent.GetLength(0);
        return (x, s) =>
        {
            var z = Affine(x, w.Kernel, w.Bias);
            var r = Affine(s[0], w.Recurrent, null);
            var h = new double[u];
            var c = new double[u];
            for (int j = 0; j < u; j++)
            {
                double i = rec(z[j] + r[j]), f = rec(z[u + j] + r[u + j]);
                c[j] = f * s[1][j] + i * act(z[2 * u + j] + r[2 * u + j]);
                double o = rec(z[3 * u + j] + r[3 * u + j]);
                h[j] = o * act(c[j]);
            }
            return (h, new[] { h, c });
        };
    }

    internal static Step Gru(Weights w, string activation, string recurrentActivation, bool resetAfter)
    {
        var act = Activation(activation);
        var rec = Activation(recurrentActivation);
        int u = w.Recurrent.GetLength(0);
        return (x, s) =>
        {
            var hp = s[0];
            var xz = Affine(x, w.Kernel, w.Bias);
            var h = new double[u];
            if (resetAfter)
            {
                var r = Affine(hp, w.Recurrent, w.RecurrentBias);
                for (int j = 0; j < u; j++)
                {
                    double z = rec(xz[j] + r[j]), rr = rec(xz[u + j] + r[u + j]);
                    double hh = act(xz[2 * u + j] + rr * r[2 * u + j]);
                    h[j] = z * hp[j] + (1 - z) * hh;
                }
            }
            else
            {
                var r = Affine(hp, w.Recurrent, null);
                var z = new double[u];
                var rh = new double[u];
                for (int j = 0; j < u; j++)
                {
                    z[j] = rec(xz[j] + r[j]);
                    rh[j] = rec(xz[u + j] + r[u + j]) * hp[j];
                }
                for (int j = 0; j < u; j++)
                {
                    double s2 = xz[2 * u + j];
                    for (int i = 0; i < u; i++) s2 += rh[i] * w.Recurrent[i, 2 * u + j];
                    h[j] = z[j] * hp[j] + (1 - z[j]) * act(s2);
                }
            }
            return (h, new[] { h });
        };
    }

    /// <summary>Keras's time loop over x[b][t][f], with an optional mask[b][t].</summary>
    internal static Result Run(Step step, double[][][] x, int[] stateSizes, bool goBackwards, bool[][]? mask = null)
    {
        int batch = x.Length, time = x[0].Length;
        var outputs = new double[batch][][];
        var finals = new double[batch][][];
        for (int b = 0; b < batch; b++)
        {
            var states = stateSizes.Select(n => new double[n]).ToArray();
            double[]? previous = null;
            outputs[b] = new double[time][];
            for (int i = 0; i < time; i++)
            {
                int t = goBackwards ? time - 1 - i : i;
                var (o, next) = step(x[b][t], states);
                if (mask is not null && !mask[b][t])
                {
                    o = previous ?? new double[o.Length];
                    next = states;
                }
                states = next;
                previous = o;
                outputs[b][i] = o;
            }
            finals[b] = states;
        }
        return new Result(outputs, finals);
    }
}
