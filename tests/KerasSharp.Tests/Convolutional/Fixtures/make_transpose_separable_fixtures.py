"""Oracle fixtures for the transposed, depthwise and separable convolutions, computed by real Keras 3 (torch backend).

Run from this folder:  /work/shared/tools/real-keras/run.sh <keras git dir> make_transpose_separable_fixtures.py
(run.sh: Keras v3.11.3 on Debian's python3-torch). Writes

- transpose_separable_outputs.json: "cases", each the layer's class name, constructor arguments, the input, the
  weights given to set_weights (Keras's layout), Keras's compute_output_shape and the layer's output; "refused", the
  arguments Keras's torch backend refuses when the layer is called (with Keras's message);
- transpose_separable_configs.json: get_config() of built layers (defaults, and every argument set), their weight
  names and shapes, and model.summary() text of two models (line_length 88);
- transpose_separable_keras.keras (+ transpose_separable_predictions.json): a model holding every new layer, seeded
  weights, saved by Keras, and what the reloaded model predicts for a seeded input.

Inputs and weights are seeded NumPy draws rounded to float32, so the C# tests feed exactly the same numbers.
"""
import json
import os
import warnings

os.environ["COLUMNS"] = "120"
warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

rng = np.random.RandomState(4321)


def arr(shape, scale=1.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype(np.float32)


def plain(a):
    """Nested lists of floats with 9 significant digits: enough to give back the float32 exactly, and compact."""
    a = np.asarray(a, dtype=np.float32)
    return np.vectorize(lambda v: float(f"{v:.9g}"), otypes=[object])(a).tolist() if a.size else a.tolist()


cases = []
refused = []


def case(name, cls, kwargs, input_shape):
    layer = getattr(layers, cls)(**kwargs)
    x = arr(input_shape)
    layer.build(input_shape)
    weights = [arr(w.shape, 0.5) for w in layer.weights]
    layer.set_weights(weights)
    expected_shape = list(layer.compute_output_shape(input_shape))
    try:
        y = keras.ops.convert_to_numpy(layer(x))
    except Exception as e:  # noqa: BLE001  (the torch backend refuses some padding arguments at call time)
        refused.append({"name": name, "class_name": cls, "kwargs": kwargs, "input_shape": list(input_shape),
                        "error": f"{type(e).__name__}: {e}"})
        return
    assert list(y.shape) == expected_shape, (name, y.shape, expected_shape)
    cases.append({
        "name": name, "class_name": cls, "kwargs": kwargs,
        "input_shape": list(input_shape), "input": plain(x),
        "weight_shapes": [list(w.shape) for w in weights], "weights": [plain(w) for w in weights],
        "output_shape": expected_shape, "output": plain(y),
    })


def tag(v):
    return str(v).replace(" ", "").replace("(", "").replace(")", "").replace(",", "x")


# ---- Conv1DTranspose ---------------------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, d, op in ((3, 1, 1, None), (2, 1, 1, None), (1, 1, 1, None), (3, 2, 1, None), (4, 2, 1, None),
                        (2, 3, 1, None), (5, 3, 1, None), (3, 2, 1, 1), (3, 2, 1, 0), (4, 3, 1, 2), (4, 3, 1, 1),
                        (3, 1, 2, None), (2, 1, 3, None), (2, 1, 1, 0), (5, 2, 1, 1), (4, 2, 1, 0)):
        case(f"conv1dtranspose_{padding}_k{k}_s{s}_d{d}_op{op}", "Conv1DTranspose",
             dict(filters=3, kernel_size=k, strides=s, padding=padding, dilation_rate=d, output_padding=op), (2, 5, 2))
case("conv1dtranspose_channels_first", "Conv1DTranspose",
     dict(filters=3, kernel_size=3, strides=2, padding="same", data_format="channels_first"), (2, 2, 5))
case("conv1dtranspose_nobias_relu", "Conv1DTranspose",
     dict(filters=2, kernel_size=2, strides=2, use_bias=False, activation="relu"), (2, 4, 3))

# ---- Conv2DTranspose ---------------------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, d, op in ((3, 1, 1, None), (2, 2, 1, None), (3, 2, 1, None), (4, 2, 1, None), (5, 2, 1, None),
                        ((2, 3), (2, 1), 1, None), ((3, 2), (3, 2), 1, (1, 0)), (3, 2, 1, 1), (3, 1, 2, None),
                        ((3, 2), 1, (2, 1), None), (2, 1, 1, None), (4, 3, 1, (2, 1))):
        case(f"conv2dtranspose_{padding}_k{tag(k)}_s{tag(s)}_d{tag(d)}_op{tag(op)}", "Conv2DTranspose",
             dict(filters=3, kernel_size=k, strides=s, padding=padding, dilation_rate=d, output_padding=op), (2, 4, 5, 2))
case("conv2dtranspose_channels_first_same_s2", "Conv2DTranspose",
     dict(filters=3, kernel_size=3, strides=2, padding="same", data_format="channels_first"), (2, 2, 4, 3))
case("conv2dtranspose_channels_first_valid_op", "Conv2DTranspose",
     dict(filters=2, kernel_size=(2, 3), strides=(3, 2), output_padding=(2, 1), data_format="channels_first"), (1, 3, 3, 4))
case("conv2dtranspose_nobias_tanh", "Conv2DTranspose",
     dict(filters=2, kernel_size=2, strides=2, use_bias=False, activation="tanh"), (1, 3, 3, 3))

# ---- Conv3DTranspose ---------------------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, op in ((2, 1, None), (3, 2, None), ((2, 3, 1), (1, 2, 2), None), (3, 2, 1)):
        case(f"conv3dtranspose_{padding}_k{tag(k)}_s{tag(s)}_op{tag(op)}", "Conv3DTranspose",
             dict(filters=2, kernel_size=k, strides=s, padding=padding, output_padding=op), (1, 3, 2, 3, 2))
case("conv3dtranspose_dilation2", "Conv3DTranspose", dict(filters=2, kernel_size=2, dilation_rate=2), (1, 3, 3, 2, 1))
case("conv3dtranspose_channels_first", "Conv3DTranspose",
     dict(filters=2, kernel_size=2, strides=2, padding="same", data_format="channels_first"), (1, 2, 2, 3, 2))

# ---- DepthwiseConv1D / SeparableConv1D ------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, d, m in ((3, 1, 1, 1), (2, 1, 1, 2), (3, 2, 1, 1), (4, 3, 1, 3), (3, 1, 2, 2), (2, 2, 1, 1)):
        case(f"depthwiseconv1d_{padding}_k{k}_s{s}_d{d}_m{m}", "DepthwiseConv1D",
             dict(kernel_size=k, strides=s, padding=padding, dilation_rate=d, depth_multiplier=m), (2, 9, 3))
        case(f"separableconv1d_{padding}_k{k}_s{s}_d{d}_m{m}", "SeparableConv1D",
             dict(filters=4, kernel_size=k, strides=s, padding=padding, dilation_rate=d, depth_multiplier=m), (2, 9, 3))
case("depthwiseconv1d_channels_first", "DepthwiseConv1D",
     dict(kernel_size=3, strides=2, padding="same", depth_multiplier=2, data_format="channels_first"), (2, 3, 9))
case("separableconv1d_channels_first", "SeparableConv1D",
     dict(filters=2, kernel_size=3, strides=2, padding="same", depth_multiplier=2, data_format="channels_first"), (2, 3, 9))
case("depthwiseconv1d_nobias_relu", "DepthwiseConv1D", dict(kernel_size=2, use_bias=False, activation="relu"), (2, 6, 3))
case("separableconv1d_nobias_relu", "SeparableConv1D", dict(filters=2, kernel_size=2, use_bias=False, activation="relu"), (2, 6, 3))

# ---- DepthwiseConv2D / SeparableConv2D ------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, d, m in ((3, 1, 1, 1), (2, 1, 1, 2), (3, 2, 1, 1), ((2, 3), (2, 1), 1, 2), (3, 1, 2, 1),
                       ((3, 2), 1, (2, 1), 2), (4, 3, 1, 1)):
        case(f"depthwiseconv2d_{padding}_k{tag(k)}_s{tag(s)}_d{tag(d)}_m{m}", "DepthwiseConv2D",
             dict(kernel_size=k, strides=s, padding=padding, dilation_rate=d, depth_multiplier=m), (2, 7, 8, 2))
        case(f"separableconv2d_{padding}_k{tag(k)}_s{tag(s)}_d{tag(d)}_m{m}", "SeparableConv2D",
             dict(filters=3, kernel_size=k, strides=s, padding=padding, dilation_rate=d, depth_multiplier=m), (2, 7, 8, 2))
case("depthwiseconv2d_channels_first", "DepthwiseConv2D",
     dict(kernel_size=3, strides=2, padding="same", depth_multiplier=2, data_format="channels_first"), (2, 2, 7, 6))
case("separableconv2d_channels_first", "SeparableConv2D",
     dict(filters=3, kernel_size=3, strides=2, padding="same", depth_multiplier=2, data_format="channels_first"), (2, 2, 7, 6))
case("depthwiseconv2d_nobias_tanh", "DepthwiseConv2D", dict(kernel_size=2, use_bias=False, activation="tanh"), (1, 4, 4, 3))
case("separableconv2d_nobias_tanh", "SeparableConv2D", dict(filters=2, kernel_size=2, use_bias=False, activation="tanh"), (1, 4, 4, 3))

with open("transpose_separable_outputs.json", "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "refused": refused}, f, separators=(",", ":"))

# ---- Configs, weight names and summaries --------------------------------------------------------------------------
configs = {}


def config(label, cls, kwargs, input_shape):
    layer = getattr(layers, cls)(**kwargs)
    layer.build(input_shape)
    configs[label] = {"class_name": cls, "kwargs": kwargs, "input_shape": list(input_shape),
                      "config": layer.get_config(),
                      "weights": [[w.name, list(w.shape)] for w in layer.weights],
                      "output_shape": list(layer.compute_output_shape(input_shape)),
                      "count_params": layer.count_params()}


for cls, shape in (("Conv1DTranspose", (None, 5, 2)), ("Conv2DTranspose", (None, 4, 5, 2)),
                   ("Conv3DTranspose", (None, 3, 2, 3, 2))):
    config(f"{cls}_default", cls, dict(filters=3, kernel_size=2, name="t"), shape)
    config(f"{cls}_all", cls, dict(filters=3, kernel_size=3, strides=2, padding="same", output_padding=1,
                                   data_format="channels_last", dilation_rate=1, activation="relu", use_bias=False,
                                   kernel_initializer="he_normal", bias_initializer="ones", kernel_regularizer="l2",
                                   bias_regularizer="l1", activity_regularizer="l1", kernel_constraint="non_neg",
                                   bias_constraint="unit_norm", name="t2"), shape)
for cls, shape in (("DepthwiseConv1D", (None, 9, 3)), ("DepthwiseConv2D", (None, 7, 8, 2))):
    config(f"{cls}_default", cls, dict(kernel_size=3, name="d"), shape)
    config(f"{cls}_all", cls, dict(kernel_size=2, strides=2, padding="same", depth_multiplier=3,
                                   data_format="channels_last", dilation_rate=1, activation="tanh", use_bias=False,
                                   depthwise_initializer="he_uniform", bias_initializer="ones",
                                   depthwise_regularizer="l2", bias_regularizer="l1", activity_regularizer="l2",
                                   depthwise_constraint="non_neg", bias_constraint="unit_norm", name="d2"), shape)
for cls, shape in (("SeparableConv1D", (None, 9, 3)), ("SeparableConv2D", (None, 7, 8, 2))):
    config(f"{cls}_default", cls, dict(filters=4, kernel_size=3, name="s"), shape)
    config(f"{cls}_all", cls, dict(filters=4, kernel_size=2, strides=1, padding="same", data_format="channels_last",
                                   dilation_rate=2, depth_multiplier=2, activation="relu", use_bias=True,
                                   depthwise_initializer="he_uniform", pointwise_initializer="lecun_normal",
                                   bias_initializer="ones", depthwise_regularizer="l2", pointwise_regularizer="l1",
                                   bias_regularizer="l1", activity_regularizer="l2", depthwise_constraint="non_neg",
                                   pointwise_constraint="max_norm", bias_constraint="unit_norm", name="s2"), shape)


def model_2d():
    return keras.Sequential([
        layers.InputLayer(shape=(8, 8, 3)),
        layers.SeparableConv2D(8, 3, padding="same", depth_multiplier=2, activation="relu"),
        layers.DepthwiseConv2D(3, depth_multiplier=2, strides=2, padding="same"),
        layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(2, (2, 3), strides=(2, 1)),
        layers.Flatten(),
        layers.Dense(3),
    ], name="conv2d_family")


def model_1d3d():
    inp = keras.Input(shape=(10, 3), name="seq")
    h = layers.SeparableConv1D(4, 3, padding="same", activation="relu")(inp)
    h = layers.DepthwiseConv1D(2, depth_multiplier=3, strides=2)(h)
    h = layers.Conv1DTranspose(5, 3, strides=2, padding="valid")(h)
    h = layers.Reshape((11, 5, 1, 1))(h)
    h = layers.Conv3DTranspose(2, (1, 2, 3), strides=(1, 2, 1), padding="same")(h)
    out = layers.Flatten()(h)
    return keras.Model(inp, out, name="conv1d3d_family")


summaries = {}
for label, make in (("2d", model_2d), ("1d3d", model_1d3d)):
    lines = []
    keras.backend.clear_session()  # layer names from their first counters, as in a fresh notebook
    m = make()
    m.summary(print_fn=lambda s, line_break=None: lines.append(s), line_length=88)
    summaries[label] = "\n".join(lines)

with open("transpose_separable_configs.json", "w") as f:
    json.dump({"keras_version": keras.__version__, "layers": configs, "summaries": summaries}, f, indent=1)

# ---- .keras files made by Keras -------------------------------------------------------------------------------------
# The models hold no output_padding: Keras 3.11.3's get_config leaves it out (3.15.0 writes it), so Keras could not
# reload its own file (the reloaded layer infers another output size).
predictions = {}
for label, make, shape in (("2d", model_2d, (3, 8, 8, 3)), ("1d3d", model_1d3d, (3, 10, 3))):
    m = make()
    m.set_weights([arr(w.shape, 0.4) for w in m.weights])
    m.compile(optimizer="adam", loss="mse")
    path = f"transpose_separable_{label}.keras"
    m.save(path)
    x = arr(shape)
    p = keras.models.load_model(path).predict(x, verbose=0)
    predictions[label] = {"input_shape": list(x.shape), "input": plain(x), "predictions": plain(p)}
with open("transpose_separable_predictions.json", "w") as f:
    json.dump(predictions, f, separators=(",", ":"))

print(len(cases), "cases,", len(refused), "refused:", [r["name"] for r in refused])
print(summaries["2d"])
print(summaries["1d3d"])
