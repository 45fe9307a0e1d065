using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Runs a recurrent layer on libtorch's fused kernel (<c>torch.nn.LSTM</c> / <c>GRU</c> / <c>RNN</c>; cuDNN on CUDA)
/// while the layer's weights stay in Keras's layout and are the ones the optimizer trains. Each call copies the Keras
/// weights into the module's (transposed; GRU's z, r, h blocks swapped into libtorch's r, z, n; Keras's one LSTM/RNN
/// bias as libtorch's input bias with a zero recurrent bias; GRU's two bias rows as the input and recurrent biases, which
/// is Keras's <c>reset_after=True</c>), runs the module, and maps the gradients back through the same permutation in a
/// custom autograd function.
/// </summary>
internal sealed class FusedRecurrence : IDisposable
{
    /// <summary>The libtorch kernel.</summary>
    internal enum Kind { LSTM, GRU, RnnTanh, RnnRelu }

    readonly Kind _kind;
    readonly long _units;
    readonly nn.Module _module;
    readonly Parameter _wih, _whh;
    readonly Parameter? _bih, _bhh;
    Saved? _pending;

    FusedRecurrence(Kind kind, long inputDim, long units, bool bias, Device device)
    {
        _kind = kind;
        _units = units;
        this.input_dim = inputDim;
        this.has_bias = bias;
        this.device = device;
        _module = kind switch
        {
            Kind.LSTM => nn.LSTM(inputDim, units, bias: bias, batchFirst: true, device: device),
            Kind.GRU => nn.GRU(inputDim, units, bias: bias, batchFirst: true, device: device),
            Kind.RnnTanh => nn.RNN(inputDim, units, nonLinearity: nn.NonLinearities.Tanh, bias: bias, batchFirst: true, device: device),
            _ => nn.RNN(inputDim, units, nonLinearity: nn.NonLinearities.ReLU, bias: bias, batchFirst: true, device: device),
        };
        // The parameter wrappers outlive the dispose scope (a training step's) the kernel happens to be created in.
        var p = _module.named_parameters().ToDictionary(t => t.name, t => (Parameter)t.parameter.DetachFromDisposeScope());
        _wih = p["weight_ih_l0"];
        _whh = p["weight_hh_l0"];
        if (bias)
        {
            _bih = p["bias_ih_l0"];
            _bhh = p["bias_hh_l0"];
            using var _ = no_grad();
            _bhh.zero_();
        }
    }

    internal long input_dim { get; }
    internal bool has_bias { get; }
    internal Device device { get; }

    /// <summary>The cached kernel if it still fits, else a new one (the old one is disposed).</summary>
    internal static FusedRecurrence For(ref FusedRecurrence? cache, Kind kind, long inputDim, long units, bool bias, Device device)
    {
        if (cache is { } c && c._kind == kind && c.input_dim == inputDim && c._units == units && c.has_bias == bias && Backend.DeviceConfig.Same(c.device, device))
            return c;
        cache?.Dispose();
        cache = new FusedRecurrence(kind, inputDim, units, bias, device);
        return cache;
    }

    /// <summary>
    /// Whether a differentiated call is still waiting for its backward pass: copying new weights into the module then
    /// would invalidate that graph, so the layer runs its step loop instead (a layer applied twice in one graph).
    /// </summary>
    internal bool busy => _pending is { done: false } p && !p.outputs[0].IsInvalid;

    /// <summary>
    /// Runs the sequences <paramref name="x"/> (batch, time, features) from the states <paramref name="initial"/> ([h] or
    /// [h, c], each (batch, units)) and returns all outputs (batch, time, units) and the final states.
    /// </summary>
    internal (Tensor outputs, Tensor[] states) run(Tensor x, Tensor[] initial, Tensor kernel, Tensor recurrentKernel, Tensor? bias)
    {
        bool differentiate = is_grad_enabled()
            && (x.requires_grad || initial.Any(s => s.requires_grad) || kernel.requires_grad || recurrentKernel.requires_grad || bias?.requires_grad == true);
        if (!differentiate)
        {
            using var _ = no_grad();
            load(kernel, recurrentKernel, bias);
            var r = forward(x, initial);
            return (r[0], r.Skip(1).ToArray());
        }
        var args = new List<object?> { this, x, initial[0], initial.Length > 1 ? initial[1] : null, kernel, recurrentKernel, bias };
        var outs = FusedFunction.apply(args.ToArray()!);
        return (outs[0], outs.Skip(1).ToArray());
    }

    void load(Tensor kernel, Tensor recurrentKernel, Tensor? bias)
    {
        _wih.copy_(permute_gates(kernel.t()));
        _whh.copy_(permute_gates(recurrentKernel.t()));
        if (bias is null || _bih is null) return;
        if (_kind == Kind.GRU)
        {
            _bih.copy_(permute_gates(bias.select(0, 0)));
            _bhh!.copy_(permute_gates(bias.select(0, 1)));
        }
        else _bih.copy_(bias);
    }

    /// <summary>Keras's gate blocks along dimension 0 in libtorch's order: GRU's z, r, h ↔ r, z, n (a swap, its own inverse).</summary>
    Tensor permute_gates(Tensor t) =>
        _kind != Kind.GRU ? t : cat(new[] { t.narrow(0, _units, _units), t.narrow(0, 0, _units), t.narrow(0, 2 * _units, _units) }, 0);

    /// <summary>The module's outputs: the sequence, then the final states as (batch, units).</summary>
    Tensor[] forward(Tensor x, IReadOnlyList<Tensor> initial)
    {
        switch (_module)
        {
            case TorchSharp.Modules.LSTM lstm:
                var (y, h, c) = lstm.call(x, (initial[0].unsqueeze(0), initial[1].unsqueeze(0)));
                return new[] { y, h.squeeze(0), c.squeeze(0) };
            case TorchSharp.Modules.GRU gru:
                var (yg, hg) = gru.call(x, initial[0].unsqueeze(0));
                return new[] { yg, hg.squeeze(0) };
            default:
                var (yr, hr) = ((TorchSharp.Modules.RNN)_module).call(x, initial[0].unsqueeze(0));
                return new[] { yr, hr.squeeze(0) };
        }
    }

    /// <summary>The inner graph of one differentiated call, kept for its backward pass.</summary>
    sealed class Saved
    {
        internal required Tensor[] outputs;
        internal required Tensor[] inputs;
        internal required bool[] differentiable;
        internal bool done;
    }

    /// <summary>
    /// The autograd function around the module: forward runs the module on detached copies of its inputs with gradients
    /// enabled; backward differentiates that inner graph and maps the weight gradients into Keras's layout.
    /// </summary>
    sealed class FusedFunction : autograd.MultiTensorFunction<FusedFunction>
    {
        public override string Name => "KerasSharpFusedRecurrence";

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var self = (FusedRecurrence)vars[0];
            var x = (Tensor)vars[1];
            var initial = new[] { (Tensor)vars[2], vars[3] as Tensor }.Where(t => t is not null).Select(t => t!).ToArray();
            var (kernel, recurrentKernel, bias) = ((Tensor)vars[4], (Tensor)vars[5], vars[6] as Tensor);
            using (no_grad()) self.load(kernel, recurrentKernel, bias);
            Tensor[] outputs;
            Tensor xd;
            Tensor[] hd;
            using (enable_grad())
            {
                xd = x.detach().requires_grad_(x.requires_grad);
                hd = initial.Select(s => s.detach().requires_grad_(s.requires_grad)).ToArray();
                outputs = self.forward(xd, hd);
            }
            var inputs = new List<Tensor> { xd };
            inputs.AddRange(hd);
            inputs.AddRange(self.weights());
            var saved = new Saved
            {
                outputs = outputs,
                inputs = inputs.ToArray(),
                differentiable = inputs.Select(t => t.requires_grad).ToArray(),
            };
            self._pending = saved;
            ctx.save_data("saved", new SavedBox(self, saved));
            return outputs.Select(o => o.detach()).ToList();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var (self, saved) = ((SavedBox)ctx.get_data("saved")).Unpack();
            var wanted = saved.inputs.Where((_, i) => saved.differentiable[i]).ToList();
            var grads = autograd.grad(saved.outputs, wanted, grad_outputs);
            saved.done = true;
            var byInput = new Tensor?[saved.inputs.Length];
            for (int i = 0, k = 0; i < saved.inputs.Length; i++)
                if (saved.differentiable[i]) byInput[i] = grads[k++];
            int states = saved.inputs.Length - 1 - (self.has_bias ? 4 : 2);
            int w = 1 + states;
            var gk = byInput[w] is { } a ? self.permute_gates(a).t() : null;
            var grk = byInput[w + 1] is { } b ? self.permute_gates(b).t() : null;
            Tensor? gb = null;
            if (self.has_bias && byInput[w + 2] is { } gih)
                gb = self._kind == Kind.GRU ? stack(new[] { self.permute_gates(gih), self.permute_gates(byInput[w + 3]!) }, 0) : gih;
            return new List<Tensor>
            {
                null!, byInput[0]!, byInput[1]!, states > 1 ? byInput[2]! : null!, gk!, grk!, gb!,
            };
        }
    }

    IEnumerable<Tensor> weights()
    {
        yield return _wih;
        yield return _whh;
        if (_bih is not null) { yield return _bih; yield return _bhh!; }
    }

    /// <summary>Holds the call's state in the autograd context (TorchSharp keeps tensors there only through save_for_backward).</summary>
    sealed class SavedBox(FusedRecurrence self, Saved saved)
    {
        internal (FusedRecurrence, Saved) Unpack() => (self, saved);
    }

    public void Dispose() => _module.Dispose();
}
