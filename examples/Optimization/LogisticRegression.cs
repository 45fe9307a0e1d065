using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// The chapter's regularized logistic regression in 2-D (first cell): <c>grad</c>, <c>cost</c>, <c>optim_gd</c> and
/// <c>optim_sgd</c> over plain arrays, line for line as in the notebook, and the same <c>cost</c> written with TorchSharp ops
/// so that autograd and L-BFGS can use it.
/// </summary>
public static class LogisticRegression
{
    // def grad(X, y, alpha, lambd):
    //     p = np.exp(-y * X.dot(alpha))
    //     d = - X.T.dot(p * y / (1 + p)) + lambd * alpha
    //     return d
    /// <summary>Gradient of <see cref="cost(double[,], int[], double[], double)"/> with respect to alpha.</summary>
    public static double[] grad(double[,] X, int[] y, double[] alpha, double lambd)
    {
        int n = X.GetLength(0), k = X.GetLength(1);
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = Math.Exp(-y[i] * dot(X, i, alpha));
        var d = new double[k];
        for (int j = 0; j < k; j++)
        {
            double s = 0;                                       // X.T.dot(p * y / (1 + p))
            for (int i = 0; i < n; i++) s += X[i, j] * (p[i] * y[i] / (1 + p[i]));
            d[j] = -s + lambd * alpha[j];
        }
        return d;
    }

    // def norm(x):
    //     return np.sqrt(np.sum(x ** 2))
    /// <summary>Euclidean norm.</summary>
    public static double norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    // def cost(X, y, alpha, lambd):
    //     p = np.exp(-y * X.dot(alpha))
    //     return np.sum(np.log(1 + p)) + .5 * lambd * norm(alpha) ** 2
    /// <summary>Logistic loss of the linear model alpha on (X, y), labels ±1, plus an L2 penalty lambd/2·|alpha|².</summary>
    public static double cost(double[,] X, int[] y, double[] alpha, double lambd)
    {
        double s = 0;
        for (int i = 0; i < X.GetLength(0); i++) s += Math.Log(1 + Math.Exp(-y[i] * dot(X, i, alpha)));
        return s + .5 * lambd * Math.Pow(norm(alpha), 2);
    }

    /// <summary>The same <c>cost</c> with TorchSharp ops (X: n×2, y: n, alpha: 2), differentiable by autograd.</summary>
    public static Tensor cost(Tensor X, Tensor y, Tensor alpha, double lambd)
    {
        Tensor p = torch.exp(-y * X.mv(alpha));
        return torch.log(1 + p).sum() + .5 * lambd * torch.linalg.vector_norm(alpha).pow(2);
    }

    // def optim_gd(X, y, alpha_init, n_epochs, lambd, rho):
    //     alphas = [alpha_init]
    //     for _ in range(n_epochs):
    //         d = - grad(X, y, alphas[-1], lambd)
    //         alphas.append(alphas[-1] + rho * d)
    //     return np.concatenate(alphas, axis=0).reshape((-1, alpha_init.shape[0]))
    /// <summary>Gradient descent: one step per epoch on the full gradient. Returns the n_epochs + 1 iterates as rows.</summary>
    public static double[,] optim_gd(double[,] X, int[] y, double[] alpha_init, int n_epochs, double lambd, double rho)
    {
        var alphas = new List<double[]> { alpha_init };
        for (int e = 0; e < n_epochs; e++)
        {
            double[] d = grad(X, y, alphas[^1], lambd).Select(v => -v).ToArray();
            alphas.Add(alphas[^1].Select((a, j) => a + rho * d[j]).ToArray());
        }
        return Np.stack(alphas);
    }

    // def optim_sgd(X, y, alpha_init, n_epochs, lambd, rho, minibatch_size):
    //     alphas = [alpha_init]
    //     for i in range(n_epochs):
    //         for j in range(X.shape[0] // minibatch_size):
    //             scaled_lambda = lambd / (X.shape[0] // minibatch_size)
    //             indices_minibatch = np.random.randint(X.shape[0], size=minibatch_size)
    //             X_minibatch = X[indices_minibatch]
    //             y_minibatch = y[indices_minibatch]
    //             d = - grad(X_minibatch, y_minibatch, alphas[-1], scaled_lambda)
    //             alphas.append(alphas[-1] + rho * d)
    //     return np.concatenate(alphas, axis=0).reshape((-1, alpha_init.shape[0]))
    /// <summary>
    /// Stochastic gradient descent: minibatches drawn with replacement from <paramref name="random"/> (the chapter's global
    /// <c>np.random</c>), one step per minibatch. Returns the n_epochs · (n / minibatch_size) + 1 iterates as rows.
    /// </summary>
    public static double[,] optim_sgd(double[,] X, int[] y, double[] alpha_init, int n_epochs, double lambd, double rho,
                                      int minibatch_size, NumpyRandom random)
    {
        int n = X.GetLength(0), k = X.GetLength(1);
        var alphas = new List<double[]> { alpha_init };
        for (int i = 0; i < n_epochs; i++)
        {
            for (int j = 0; j < n / minibatch_size; j++)
            {
                double scaled_lambda = lambd / (n / minibatch_size);
                long[] indices_minibatch = random.randint(n, size: minibatch_size);
                var X_minibatch = new double[minibatch_size, k];
                var y_minibatch = new int[minibatch_size];
                for (int b = 0; b < minibatch_size; b++)
                {
                    for (int c = 0; c < k; c++) X_minibatch[b, c] = X[indices_minibatch[b], c];
                    y_minibatch[b] = y[indices_minibatch[b]];
                }
                double[] d = grad(X_minibatch, y_minibatch, alphas[^1], scaled_lambda).Select(v => -v).ToArray();
                alphas.Add(alphas[^1].Select((a, c) => a + rho * d[c]).ToArray());
            }
        }
        return Np.stack(alphas);
    }

    // res_optim = optim.minimize(fun=lambda alpha: cost(X, y, alpha, lambd),
    //                            x0=alpha_init,
    //                            jac=lambda alpha: grad(X, y, alpha, lambd))
    // alpha_star = res_optim["x"]
    /// <summary>
    /// The minimizer of <c>cost</c> from <paramref name="x0"/>, as the chapter gets it from <c>scipy.optimize.minimize</c>
    /// (BFGS): here TorchSharp's L-BFGS on the float64 torch <c>cost</c>, run until the gradient norm is below
    /// <paramref name="gtol"/>.
    /// </summary>
    /// <returns>alpha_star and the number of cost evaluations (closure calls) L-BFGS made.</returns>
    public static (double[] alpha_star, int evaluations) minimize(double[,] X, int[] y, double[] x0, double lambd, double gtol = 1e-10)
    {
        using var scope = torch.NewDisposeScope();
        int n = X.GetLength(0), k = X.GetLength(1);
        Tensor Xt = torch.tensor(X.Cast<double>().ToArray(), [n, k], ScalarType.Float64);
        Tensor yt = torch.tensor(y.Select(v => (double)v).ToArray(), ScalarType.Float64);
        var alpha = new Parameter(torch.tensor(x0, ScalarType.Float64));
        // LBFGS(params, lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size); TorchSharp offers no line
        // search. tolerance_change = 0: near the optimum the loss stops changing in float64 long before the gradient is small.
        using var optimizer = torch.optim.LBFGS([alpha], 1.0, 100, null, gtol, 0.0, 100);
        int evaluations = 0;
        Tensor closure()
        {
            optimizer.zero_grad();
            Tensor loss = cost(Xt, yt, alpha, lambd);
            loss.backward();
            evaluations++;
            return loss;
        }
        for (int round = 0; round < 10; round++)
        {
            optimizer.step(closure);
            double[] a = alpha.detach().data<double>().ToArray();
            if (norm(grad(X, y, a, lambd)) < gtol) break;
        }
        return (alpha.detach().data<double>().ToArray(), evaluations);
    }

    private static double dot(double[,] X, int i, double[] alpha)
    {
        double s = 0;
        for (int j = 0; j < alpha.Length; j++) s += X[i, j] * alpha[j];
        return s;
    }
}
