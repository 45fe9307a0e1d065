using KerasSharp.Plotting;
using static TorchSharp.torch;

namespace KerasSharp.Examples.Sequences;

/// <summary>
/// The chapter's code cell: tanh and its derivative, computed by autograd on <c>linspace(-4, 4, 50)</c> and plotted.
/// The derivative 1 − tanh² is at most 1 and nearly 0 away from the origin: a gradient carried back through many tanh
/// steps shrinks, the chapter's argument for gated cells.
/// </summary>
public static class Cell1_TanhDerivative
{
    /// <summary>x, tanh(x) and d tanh/dx by autograd (float32, as torch's default).</summary>
    public static (float[] x, float[] y, float[] dy) compute()
    {
        using var scope = NewDisposeScope();
        // x = torch.linspace(-4, 4, 50, requires_grad=True)
        var x = linspace(-4, 4, 50, requires_grad: true);
        // y = torch.tanh(x)
        var y = tanh(x);
        // y.backward(torch.ones_like(x))
        y.backward([ones_like(x)]);
        // x.detach().numpy(), y.detach().numpy(), x.grad.numpy()
        return (x.detach().data<float>().ToArray(), y.detach().data<float>().ToArray(), x.grad!.data<float>().ToArray());
    }

    /// <summary>Runs the cell: prints the derivative's extremes and writes <c>tanh_derivative.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 1: tanh and its derivative by autograd");
        var (x, y, dy) = compute();
        Console.WriteLine($"  max tanh'(x) = {dy.Max():F4} (near x = 0), tanh'(±4) = {dy[0]:F4}");
        // plt.plot(x, y, label="tanh(x)"); plt.plot(x, dy, label="tanh'(x)"); plt.grid(); plt.legend()
        var fig = new Figure(6.4, 4.8);
        var ax = fig.Subplot();
        double[] xs = Array.ConvertAll(x, v => (double)v);
        ax.Plot(xs, Array.ConvertAll(y, v => (double)v), label: "tanh(x)");
        ax.Plot(xs, Array.ConvertAll(dy, v => (double)v), label: "tanh'(x)");
        ax.Grid = true;
        ax.Legend = true;
        ax.XLabel = "x";
        string png = fig.SavePng(Path.Combine(figuresDir, "tanh_derivative.png"));
        Console.WriteLine($"  wrote {Path.GetFileName(png)}");
    }
}
