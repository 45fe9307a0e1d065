using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Puts any TorchSharp module in a KerasSharp model, e.g. <c>TorchModule(torch.nn.LayerNorm(20))</c>: its parameters are
/// trained by <c>fit</c>, counted by <c>summary()</c> and returned by <c>get_weights()</c> (in the module's own layout).
/// A KerasSharp extension; Keras's closest relative is <c>keras.layers.TorchModuleWrapper</c>.
/// </summary>
public sealed class TorchModule : Layer
{
    readonly nn.Module<Tensor, Tensor> _module;

    /// <summary>Wraps <paramref name="module"/>; <paramref name="output_shape"/> maps an input shape to the output shape when it differs.</summary>
    public TorchModule(nn.Module<Tensor, Tensor> module, string? name = null, Func<long?[], long?[]>? output_shape = null) : base(name)
    {
        _module = module ?? throw new ArgumentNullException(nameof(module));
        _outputShape = output_shape;
        register_module("module", _module);
        foreach (var (path, _) in _module.named_parameters())
            track_weight(path, () => _module.named_parameters().First(p => p.name == path).parameter, trainable: true);
        foreach (var (path, _) in _module.named_buffers())
            track_weight(path, () => _module.named_buffers().First(b => b.name == path).buffer, trainable: false);
    }

    readonly Func<long?[], long?[]>? _outputShape;

    /// <summary>The wrapped module.</summary>
    public nn.Module<Tensor, Tensor> module => _module;

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        if (_module.training != training) _module.train(training);
        return _module.call(inputs);
    }

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        if (_outputShape is not null) return _outputShape(input_shape);
        // Infer it once from a zero batch of one sample.
        if (input_shape.Skip(1).Any(d => d is null)) return input_shape;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var device = _module.parameters().FirstOrDefault()?.device ?? CPU;
        var probe = zeros(new long[] { 1 }.Concat(input_shape.Skip(1).Select(d => d!.Value)).ToArray(), device: device);
        var wasTraining = _module.training;
        _module.eval();
        var y = _module.call(probe);
        _module.train(wasTraining);
        var s = y.shape.Select(d => (long?)d).ToArray();
        s[0] = input_shape[0];
        return s;
    }

    /// <inheritdoc />
    public override string class_name => $"TorchModule[{_module.GetType().Name}]";
}
