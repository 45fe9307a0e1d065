"""Oracle fixtures for LayerNormalization, GroupNormalization, UnitNormalization and the Normalization preprocessing
layer (adapt), and three .keras models mixing them with ZeroPadding/Cropping, made by real Keras 3.11.3 (torch).

Run from this folder:
    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo make_normalization_fixtures.py
Writes
- normalization_outputs.json: per case the class name, keyword arguments, input, the weights given to set_weights,
  the output, get_config() and the weights after (for adapt: mean, variance, count and their dtypes);
- normalization_errors.json: Keras's messages for bad arguments;
- keras_shape_norm_{2d,1d,3d}.keras and normalization_models.json: each model saved by Keras, with an input batch,
  Keras's predictions, the summary text at line_length 88 and every layer's get_config().
Inputs and weights are seeded NumPy draws rounded to float32, so the C# tests feed exactly the same numbers.
"""
import json
import os
import warnings

os.environ["COLUMNS"] = "120"  # rich crops the summary to the terminal otherwise

import numpy as np
import torch
import keras
from keras import layers

warnings.simplefilter("ignore")
rng = np.random.RandomState(2024)


def arr(shape, scale=1.0, shift=0.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale + shift).astype(np.float32)


def plain(a):
    a = np.asarray(a)
    if a.dtype.kind in "iu":
        return a.tolist()
    a = a.astype(np.float32)
    return np.vectorize(lambda v: float(f"{v:.9g}"), otypes=[object])(a).tolist() if a.size else a.tolist()


def js(o):
    return json.loads(json.dumps(o, default=lambda v: v.tolist() if hasattr(v, "tolist") else str(v)))


cases = []


def record(name, cls, kwargs, layer, x, weights, y, extra=None):
    c = {
        "name": name, "class_name": cls, "kwargs": kwargs,
        "input_shape": list(x.shape), "input": plain(x),
        "weight_shapes": [list(w.shape) for w in weights], "weights": [plain(w) for w in weights],
        "output_shape": list(y.shape), "output": plain(y),
        "config": js(layer.get_config()),
        "weight_names": [w.name for w in layer.weights],
        "weights_after": [plain(keras.ops.convert_to_numpy(w)) for w in layer.weights],
        "weight_dtypes": [str(w.dtype) for w in layer.weights],
        "trainable_count": len(layer.trainable_weights),
        "count_params": int(layer.count_params()) if layer.built else None,
    }
    if extra:
        c.update(extra)
    cases.append(c)


def case(name, cls, kwargs, input_shape, weights_too=True, scale=1.0, shift=0.0):
    layer = getattr(layers, cls)(**kwargs)
    x = arr(input_shape, scale, shift)
    layer.build(input_shape)
    weights = [arr(w.shape, 0.5, 1.0 if w.name == "gamma" else 0.0) for w in layer.weights] if weights_too else []
    if weights:
        layer.set_weights(weights)
    y = keras.ops.convert_to_numpy(layer(x))
    record(name, cls, kwargs, layer, x, weights, y)


# ---- LayerNormalization (weights: gamma, beta) ----------------------------------------------------------------------
case("layernorm_default", "LayerNormalization", {}, (2, 3, 5), scale=2.0, shift=1.0)
case("layernorm_untouched_weights", "LayerNormalization", {}, (4, 6), weights_too=False, scale=3.0)
case("layernorm_axes12", "LayerNormalization", dict(axis=[1, 2]), (2, 3, 4))
case("layernorm_axes23_4d", "LayerNormalization", dict(axis=[2, 3]), (2, 2, 3, 4))
case("layernorm_epsilon_nocenter", "LayerNormalization", dict(epsilon=0.1, center=False), (3, 4))
case("layernorm_noscale", "LayerNormalization", dict(scale=False), (3, 4))
case("layernorm_4d_channels", "LayerNormalization", {}, (2, 3, 3, 4))
case("layernorm_rms_scaling", "LayerNormalization", dict(rms_scaling=True), (3, 5), shift=0.5)

# ---- GroupNormalization (weights: gamma, beta) ----------------------------------------------------------------------
case("groupnorm_3_of_6", "GroupNormalization", dict(groups=3), (2, 4, 6), scale=2.0, shift=0.5)
case("groupnorm_2_4d", "GroupNormalization", dict(groups=2), (2, 3, 3, 4))
case("groupnorm_minus1", "GroupNormalization", dict(groups=-1), (2, 5, 4))
case("groupnorm_1", "GroupNormalization", dict(groups=1), (2, 3, 4))
case("groupnorm_2d_input", "GroupNormalization", dict(groups=2), (3, 4))
case("groupnorm_channels_first", "GroupNormalization", dict(groups=2, axis=1), (2, 4, 3, 3))
case("groupnorm_epsilon_nocenter_noscale", "GroupNormalization", dict(groups=2, epsilon=0.5, center=False, scale=False), (2, 3, 4))
case("groupnorm_untouched_weights", "GroupNormalization", dict(groups=4), (2, 5, 8), weights_too=False)

# ---- UnitNormalization ----------------------------------------------------------------------------------------------
case("unitnorm_default", "UnitNormalization", {}, (2, 3, 4))
case("unitnorm_axes12", "UnitNormalization", dict(axis=[1, 2]), (2, 3, 4))
case("unitnorm_axis1", "UnitNormalization", dict(axis=1), (2, 3, 4))
layer = layers.UnitNormalization()
x = np.array([[0.0, 0.0, 0.0], [3.0, 0.0, -4.0]], np.float32)
record("unitnorm_zero_row", "UnitNormalization", {}, layer, x, [], keras.ops.convert_to_numpy(layer(x)))

# ---- Normalization: given mean and variance -------------------------------------------------------------------------
for name, kwargs, shape in (
    ("normalization_given_vector", dict(mean=[1.0, 2.0, -3.0], variance=[4.0, 0.25, 1.0]), (4, 3)),
    ("normalization_given_scalar", dict(mean=2.0, variance=9.0), (2, 3, 2)),
    ("normalization_given_invert", dict(mean=[1.0, 2.0, -3.0], variance=[4.0, 0.25, 1.0], invert=True), (4, 3)),
    ("normalization_given_zero_variance", dict(mean=[0.5, 0.5], variance=[0.0, 1.0]), (3, 2)),
    ("normalization_given_axis_none", dict(axis=None, mean=1.5, variance=0.5), (2, 3)),
):
    layer = layers.Normalization(**kwargs)
    x = arr(shape, 3.0)
    y = keras.ops.convert_to_numpy(layer(x))
    record(name, "Normalization", kwargs, layer, x, [], y)

# ---- Normalization.adapt over an array and over a tensor, then called on new data -----------------------------------
for name, kwargs, shape, as_tensor in (
    ("normalization_adapt_last", {}, (20, 3), False),
    ("normalization_adapt_tensor", {}, (16, 4), True),
    ("normalization_adapt_axis_none", dict(axis=None), (10, 3), False),
    ("normalization_adapt_axes12", dict(axis=[1, 2]), (12, 2, 3), False),
    ("normalization_adapt_axis1", dict(axis=1), (8, 4, 3), False),
    ("normalization_adapt_invert", dict(invert=True), (10, 2), False),
    ("normalization_adapt_images", {}, (6, 4, 4, 3), False),
):
    layer = layers.Normalization(**kwargs)
    data = arr(shape, 3.0, 1.5)
    layer.adapt(torch.tensor(data) if as_tensor else data)
    x = arr((3,) + shape[1:], 2.0)
    y = keras.ops.convert_to_numpy(layer(x))
    record(name, "Normalization", kwargs, layer, x, [], y,
           {"adapt_data_shape": list(shape), "adapt_data": plain(data), "adapt_as_tensor": as_tensor,
            "build_config": js(layer.get_build_config())})

# Integer inputs are cast to float.
layer = layers.Normalization(mean=[1.0, 2.0], variance=[1.0, 4.0])
xi = np.array([[1, 2], [3, 4]], np.int32)
record("normalization_int_input", "Normalization", dict(mean=[1.0, 2.0], variance=[1.0, 4.0]), layer, xi, [],
       keras.ops.convert_to_numpy(layer(xi)))

with open("normalization_outputs.json", "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases}, f, separators=(",", ":"))

# ---- Errors ---------------------------------------------------------------------------------------------------------
errors = {}
for label, fn in (
    ("groupnorm_not_multiple", lambda: layers.GroupNormalization(groups=4)(np.zeros((1, 2, 6), np.float32))),
    ("groupnorm_too_many", lambda: layers.GroupNormalization(groups=8)(np.zeros((1, 2, 4), np.float32))),
    ("layernorm_axis_out_of_range", lambda: layers.LayerNormalization(axis=3).compute_output_shape((None, 3, 4))),
    ("unitnorm_axis_out_of_range", lambda: layers.UnitNormalization(axis=-4).compute_output_shape((None, 3, 4))),
    ("normalization_mean_only", lambda: layers.Normalization(mean=1.0)),
    ("normalization_adapt_shape", lambda: _adapt_twice()),
    ("normalization_axis_out_of_range", lambda: layers.Normalization(axis=2).build((None, 3))),
):
    try:
        fn()
        errors[label] = None
    except Exception as e:  # noqa: BLE001
        errors[label] = f"{type(e).__name__}: {e}"


def _adapt_twice():
    n = layers.Normalization()
    n.adapt(np.zeros((4, 3), np.float32))
    n.adapt(np.zeros((4, 2), np.float32))


try:
    _adapt_twice()
except Exception as e:  # noqa: BLE001
    errors["normalization_adapt_shape"] = f"{type(e).__name__}: {e}"
with open("normalization_errors.json", "w") as f:
    json.dump(errors, f, indent=1)

# ---- Models saved by Keras ------------------------------------------------------------------------------------------
models = {}


def seeded(model):
    for layer in model.layers:
        if type(layer).__name__ == "Normalization":
            continue
        if layer.weights:
            layer.set_weights([arr(w.shape, 0.4, 1.0 if w.name == "gamma" else 0.0) for w in layer.weights])


def save(model, key, x):
    seeded(model)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    path = f"keras_shape_norm_{key}.keras"
    model.save(path)
    lines = []
    model.summary(print_fn=lambda s, line_break=None: lines.append(s), line_length=88)
    y = keras.ops.convert_to_numpy(keras.models.load_model(path).predict(x, verbose=0))
    models[key] = {"file": path, "x_shape": list(x.shape), "x": plain(x),
                   "y_shape": list(y.shape), "y": plain(y), "summary": "\n".join(lines),
                   "layers": [{"name": l.name, "class_name": type(l).__name__, "config": js(l.get_config()),
                               "output_shape": list(l.output.shape), "count_params": int(l.count_params())}
                              for l in model.layers]}


keras.backend.clear_session()  # automatic names from "sequential", "dense", ...
keras.utils.set_random_seed(1)
norm = layers.Normalization(name="norm")
norm.adapt(arr((40, 8, 8, 3), 3.0, 1.0))
save(keras.Sequential([
    keras.Input((8, 8, 3)), norm,
    layers.ZeroPadding2D(((1, 0), (2, 1))), layers.Conv2D(4, 3), layers.GroupNormalization(groups=2),
    layers.Cropping2D(((1, 1), (0, 2))), layers.LayerNormalization(), layers.Flatten(), layers.Dense(6),
    layers.UnitNormalization(), layers.Dense(2, activation="softmax"),
], name="shape_norm_2d"), "2d", arr((3, 8, 8, 3), 3.0, 1.0))

keras.backend.clear_session()
save(keras.Sequential([
    keras.Input((10, 3)), layers.Normalization(mean=[0.5, -1.0, 2.0], variance=[4.0, 1.0, 0.25]),
    layers.ZeroPadding1D((2, 1)), layers.Cropping1D((1, 2)), layers.LayerNormalization(rms_scaling=True),
    layers.Conv1D(2, 3), layers.UnitNormalization(axis=[1, 2]), layers.Flatten(), layers.Dense(3, activation="softmax"),
], name="shape_norm_1d"), "1d", arr((4, 10, 3), 2.0))

keras.backend.clear_session()
norm3 = layers.Normalization(axis=None)
norm3.adapt(arr((5, 3, 4, 5, 2), 2.0, -1.0))
save(keras.Sequential([
    keras.Input((3, 4, 5, 2)), norm3, layers.ZeroPadding3D((1, 0, 2)), layers.Cropping3D(((1, 0), (0, 1), (2, 1))),
    layers.GroupNormalization(groups=-1), layers.LayerNormalization(axis=[3, 4], center=False), layers.Flatten(),
    layers.Dense(2, activation="softmax"),
], name="shape_norm_3d"), "3d", arr((2, 3, 4, 5, 2), 2.0, -1.0))

with open("normalization_models.json", "w") as f:
    json.dump(models, f, separators=(",", ":"))
print(len(cases), "cases;", json.dumps(errors, indent=1))
for m in models.values():
    print(m["summary"])
