using KerasSharp.Examples.Optimization;
using Xunit;
using static KerasSharp.Examples.Optimization.Cell1_GdVsSgd;

namespace KerasSharp.Tests.Optimization;

/// <summary>
/// The first cell's data, cost, gradient and GD / SGD trajectories against the chapter's NumPy code (NumPy 1.24), run on
/// the same seed. The expected numbers were printed by that code (see optim.md, first cell).
/// </summary>
public class LogisticRegressionTests
{
    internal static readonly double[] ExpectedX =
    [
        0.14644051178197426, 0.6455680991172583, 0.3082901282149315, 0.1346495489906907, -0.22903560198328599,
        0.43768233919996824, -0.18723836621192236, 1.1753190023462392, 1.3909882815030876, -0.349675443522667,
        0.8751751142479938, 0.08668475925871344, 0.20413368328179704, 1.276789914877983, -1.286891825406339,
        -1.2386121008953779, -1.439344807679023, 0.9978595366438139, 0.8344702528495516, 1.1100364447404574,
        1.4358550266982921, 0.897475692650171, -0.11556191324120446, 0.8415875288593666, -1.1451767223932003,
        0.41976306398257135, -1.0699401377728608, 1.3340067511487517, 0.06554496525021491, -0.25601418002842924,
        -0.7063331636861191, 0.8227010683026501, -0.13154900335035435, 0.20530184660594553, -1.4436305986909346,
        0.3529064912276312, 0.3362871681672641, 0.35080199062427075, 1.3312442355438723, 0.5454608973104502,
    ];

    internal static readonly int[] ExpectedY = [1, 1, -1, -1, 1, 1, 1, -1, -1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1, 1];

    internal static (double[,] X, int[] y) Data() => make_data(new NumpyRandom(0));

    [Fact]
    public void Data_is_the_chapters_20_points()
    {
        (double[,] X, int[] y) = Data();
        Assert.Equal(20, X.GetLength(0));
        Assert.Equal(2, X.GetLength(1));
        Assert.Equal(ExpectedX, X.Cast<double>().ToArray());
        Assert.Equal(ExpectedY, y);
    }

    [Theory]
    // alpha, cost(X, y, alpha, .1), grad(X, y, alpha, .1)
    [InlineData(1.0, -3.0, 17.181161350587857, -5.238747144058313, -5.162701069785315)]
    [InlineData(0.0, 0.0, 13.862943611198906, -7.341565753977112, 0.4533689017013306)]
    [InlineData(2.5, 0.7, 6.018174072462099, -1.1644862547876114, 1.4616348243951076)]
    [InlineData(-1.2, 4.0, 42.84920767510382, -9.336971848127062, 6.655175661931134)]
    public void Cost_and_grad_match_numpy(double a0, double a1, double cost, double g0, double g1)
    {
        (double[,] X, int[] y) = Data();
        Assert.Equal(cost, LogisticRegression.cost(X, y, [a0, a1], lambd), 1e-12);
        double[] g = LogisticRegression.grad(X, y, [a0, a1], lambd);
        NumpyRandomTests.AssertClose([g0, g1], g, 1e-12);
    }

    [Fact]
    public void Optim_gd_matches_numpy()
    {
        (double[,] X, int[] y) = Data();
        double[,] alphas_gd = LogisticRegression.optim_gd(X, y, alpha_init, n_epochs, lambd, rho);
        double[] expected =
        [
            1.0, -3.0, 2.0477494288116627, -1.967459786042937, 2.544533627646751, -1.3545934720947193, 2.815118065436743,
            -0.9999545156631748, 3.0058729890816807, -0.7707297560385451, 3.1574229828603486, -0.6159830473059044,
            3.285347722635205, -0.5093271159801647, 3.3970508197841105, -0.43489860218820886, 3.4966082006748134,
            -0.38253104927116555, 3.586527759564122, -0.3454885275774957, 3.6684917897261333, -0.31921124105884413,
        ];
        Assert.Equal(11, alphas_gd.GetLength(0));
        NumpyRandomTests.AssertClose(expected, alphas_gd.Cast<double>().ToArray(), 1e-12);
    }

    [Theory]
    // Row i of alphas_sgd (np.random.seed(0), X drawn, then optim_sgd's randint minibatches).
    [InlineData(1, 1.451320268687936, -2.5270259242163844)]
    [InlineData(2, 1.4920265555136885, -2.315275863000327)]
    [InlineData(5, 1.7551492001146742, -1.9165075679054473)]
    [InlineData(10, 2.0715054649670783, -1.6332472154623088)]
    [InlineData(25, 2.780637987088212, -1.2232705530738408)]
    [InlineData(49, 3.455400736595937, -0.9256242993557663)]
    [InlineData(50, 3.476038142164874, -0.9310496165065751)]
    public void Optim_sgd_matches_numpy(int row, double a0, double a1)
    {
        var random = new NumpyRandom(0);
        (double[,] X, int[] y) = make_data(random);
        double[,] alphas_sgd = LogisticRegression.optim_sgd(X, y, alpha_init, n_epochs, lambd, rho, minibatch_size, random);
        Assert.Equal(51, alphas_sgd.GetLength(0));
        NumpyRandomTests.AssertClose([a0, a1], Np.row(alphas_sgd, row), 1e-11);
    }

    [Fact]
    public void Get_lims_is_square_around_all_points()
    {
        // xlims, ylims = get_lims(alphas_gd, alphas_sgd, np.array([alpha_star])) in the chapter
        var random = new NumpyRandom(0);
        (double[,] X, int[] y) = make_data(random);
        double[,] gd = LogisticRegression.optim_gd(X, y, alpha_init, n_epochs, lambd, rho);
        double[,] sgd = LogisticRegression.optim_sgd(X, y, alpha_init, n_epochs, lambd, rho, minibatch_size, random);
        var (xlims, ylims) = get_lims(gd, sgd, Np.stack([[4.969555084356758, -0.2775079228143354]]));
        Assert.Equal(0.0, xlims.Item1, 1e-12);
        Assert.Equal(5.969555084356758, xlims.Item2, 1e-12);
        Assert.Equal(-4.623531503585546, ylims.Item1, 1e-12);
        Assert.Equal(1.3460235807712113, ylims.Item2, 1e-12);
    }
}

/// <summary>The TorchSharp side of the first cell: autograd of the torch <c>cost</c>, and L-BFGS for <c>alpha_star</c>.</summary>
[Collection(KerasSharp.Tests.TorchStateCollection.Name)]
public class LogisticRegressionTorchTests
{
    [Theory]
    [InlineData(1.0, -3.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(2.5, 0.7)]
    [InlineData(-1.2, 4.0)]
    public void Analytic_grad_equals_autograd_of_torch_cost(double a0, double a1)
    {
        (double[,] X, int[] y) = LogisticRegressionTests.Data();
        using var scope = TorchSharp.torch.NewDisposeScope();
        var Xt = TorchSharp.torch.tensor(X.Cast<double>().ToArray(), [20, 2], TorchSharp.torch.ScalarType.Float64);
        var yt = TorchSharp.torch.tensor(y.Select(v => (double)v).ToArray(), TorchSharp.torch.ScalarType.Float64);
        var alpha = TorchSharp.torch.tensor(new[] { a0, a1 }, TorchSharp.torch.ScalarType.Float64).requires_grad_();

        var loss = LogisticRegression.cost(Xt, yt, alpha, lambd: 0.1);
        Assert.Equal(LogisticRegression.cost(X, y, [a0, a1], 0.1), loss.item<double>(), 1e-12);
        var g = TorchSharp.torch.autograd.grad([loss], [alpha])[0].data<double>().ToArray();
        NumpyRandomTests.AssertClose(LogisticRegression.grad(X, y, [a0, a1], 0.1), g, 1e-12);
    }

    [Fact]
    public void Lbfgs_alpha_star_matches_scipy_bfgs()
    {
        (double[,] X, int[] y) = LogisticRegressionTests.Data();
        (double[] alpha_star, _) = LogisticRegression.minimize(X, y, [1.0, -3.0], 0.1);
        // scipy.optimize.minimize(fun=cost, x0=alpha_init, jac=grad)["x"] (BFGS, scipy 1.10, gtol 1e-5)
        NumpyRandomTests.AssertClose([4.969555084356758, -0.2775079228143354], alpha_star, 1e-5);
        // The same with gtol=1e-13: the optimum itself, which L-BFGS reaches closely.
        NumpyRandomTests.AssertClose([4.9695545401959045, -0.27750922668421313], alpha_star, 1e-9);
        Assert.True(LogisticRegression.norm(LogisticRegression.grad(X, y, alpha_star, 0.1)) < 1e-9);
    }
}
