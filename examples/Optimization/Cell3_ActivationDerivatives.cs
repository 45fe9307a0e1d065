using KerasSharp.Plotting;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// Cell 3: derivatives of tanh, sigmoid and ReLU on [-4, 4], computed by TorchSharp's autograd
/// (<c>torch.autograd.grad</c>) and plotted side by side.
/// </summary>
public static class Cell3_ActivationDerivatives
{
    // def tanh(x):
    //     return 2. / (1. + torch.exp(-2 * x)) - 1.
    /// <summary>tanh written from exp, as in the chapter.</summary>
    public static Tensor tanh(Tensor x) => 2.0 / (1.0 + torch.exp(-2 * x)) - 1.0;

    // def sigmoid(x):
    //     return 1. / (1. + torch.exp(-x))
    /// <summary>The logistic function written from exp, as in the chapter.</summary>
    public static Tensor sigmoid(Tensor x) => 1.0 / (1.0 + torch.exp(-x));

    /// <summary>The cell's computation: x and the three derivatives at x (float32, as torch's default).</summary>
    public static (float[] x, float[] grad_tanh_x, float[] grad_sig_x, float[] grad_relu_x) compute()
    {
        using var scope = torch.NewDisposeScope();
        // x = torch.linspace(-4, 4, 100, requires_grad=True)
        Tensor x = torch.linspace(-4, 4, 100, requires_grad: true);
        Tensor tan_x = tanh(x);
        Tensor sig_x = sigmoid(x);
        Tensor relu_x = torch.nn.functional.relu(x);                                  // torch.relu(x)

        // grad_tanh_x = torch.autograd.grad(tan_x, x, grad_outputs=torch.ones_like(x), create_graph=True)[0]
        Tensor grad_tanh_x = torch.autograd.grad([tan_x], [x], [torch.ones_like(x)], create_graph: true)[0];
        Tensor grad_sig_x = torch.autograd.grad([sig_x], [x], [torch.ones_like(x)], create_graph: true)[0];
        Tensor grad_relu_x = torch.autograd.grad([relu_x], [x], [torch.ones_like(x)], create_graph: true)[0];

        // x.detach().numpy()
        static float[] numpy(Tensor t) => t.detach().data<float>().ToArray();
        return (numpy(x), numpy(grad_tanh_x), numpy(grad_sig_x), numpy(grad_relu_x));
    }

    /// <summary>Runs the cell: prints the derivatives' peaks and writes <c>activation_derivatives.png</c>.</summary>
    public static void Run(string figuresDir)
    {
        Console.WriteLine("Cell 3: tanh', sigmoid' and ReLU' by autograd");
        var (x, grad_tanh_x, grad_sig_x, grad_relu_x) = compute();
        Console.WriteLine($"  max tanh'(x) = {grad_tanh_x.Max():F4}, max sigmoid'(x) = {grad_sig_x.Max():F4}, " +
                          $"ReLU'(x) = 1 on {grad_relu_x.Count(g => g == 1f)} of {x.Length} points (x > 0)");

        // plt.figure(figsize=(12, 4))
        // plt.subplot(1, 3, k); plt.plot(x, grad); plt.grid('on'); plt.ylim([-.1, 1.1]); plt.title(...)
        // plt.tight_layout();
        var fig = new Figure(12, 4);
        double[] xs = Array.ConvertAll(x, v => (double)v);
        (float[] grad, string title)[] panels =
            [(grad_tanh_x, "tanh'(x)"), (grad_sig_x, "sigmoid'(x)"), (grad_relu_x, "ReLU'(x)")];
        for (int k = 0; k < panels.Length; k++)
        {
            Panel ax = fig.Subplot(1, 3, k + 1);
            ax.Plot(xs, Array.ConvertAll(panels[k].grad, v => (double)v));
            ax.Grid = true;
            ax.YLim = (-.1, 1.1);
            ax.Title = panels[k].title;
        }
        fig.TightLayout = true;                                                        // plt.tight_layout() (also the default)
        string png = fig.SavePng(Path.Combine(figuresDir, "activation_derivatives.png"));
        Console.WriteLine($"  wrote {Path.GetFileName(png)}");
    }
}
