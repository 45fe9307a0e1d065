"""Oracle fixtures for the convolution, pooling and normalization layers, computed by real Keras 3 (torch backend).

Run from this folder:  /work/shared/tools/real-keras/run.sh <keras git dir> make_layer_fixtures.py
(run.sh: Keras v3.11.3 on Debian's python3-torch). Writes layer_outputs.json: for each case the layer's class name,
its constructor arguments, the input, the weights given to set_weights (Keras's layout) and the layer's output; and
batchnorm_training.json: BatchNormalization's outputs and moving statistics after training-mode calls. Inputs and
weights are seeded NumPy draws rounded to float32, so the C# tests feed exactly the same numbers.
"""
import json

import numpy as np
import torch

# Debian's torch 1.13 lacks torch 2's squeeze over a list of dims, which Keras's torch moments() uses for
# BatchNormalization in training mode; the same semantics, one dim at a time (a shim for this oracle only).
_squeeze = torch.squeeze


def _squeeze_dims(x, dim=None):
    if isinstance(dim, (list, tuple)):
        for d in sorted((d % x.dim() for d in dim), reverse=True):
            x = _squeeze(x, d)
        return x
    return _squeeze(x) if dim is None else _squeeze(x, dim)


torch.squeeze = _squeeze_dims

import keras  # noqa: E402
from keras import layers  # noqa: E402

rng = np.random.RandomState(1234)


def arr(shape, scale=1.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype(np.float32)


def plain(a):
    """Nested lists of floats with 9 significant digits: enough to give back the float32 exactly, and compact."""
    a = np.asarray(a, dtype=np.float32)
    return np.vectorize(lambda v: float(f"{v:.9g}"), otypes=[object])(a).tolist() if a.size else a.tolist()


cases = []


def case(name, cls, kwargs, input_shape, weights_too=True):
    layer = getattr(layers, cls)(**kwargs)
    x = arr(input_shape)
    layer.build(input_shape)
    if weights_too and layer.weights:
        weights = [arr(w.shape, 0.5) for w in layer.weights]
        for i, w in enumerate(layer.weights):
            if "variance" in w.name:  # a variance is positive
                weights[i] = np.abs(weights[i]) + np.float32(0.1)
        layer.set_weights(weights)
    else:
        weights = []
    y = keras.ops.convert_to_numpy(layer(x))
    cases.append({
        "name": name, "class_name": cls, "kwargs": kwargs,
        "input_shape": list(input_shape), "input": plain(x),
        "weight_shapes": [list(w.shape) for w in weights], "weights": [plain(w) for w in weights],
        "output_shape": list(y.shape), "output": plain(y),
    })


# ---- Conv1D ------------------------------------------------------------------------------------------------------
for padding in ("valid", "same", "causal"):
    for k, s, d in ((3, 1, 1), (2, 1, 1), (3, 2, 1), (4, 3, 1), (3, 1, 2), (2, 2, 1)):
        if s > 1 and d > 1:
            continue
        case(f"conv1d_{padding}_k{k}_s{s}_d{d}", "Conv1D",
             dict(filters=4, kernel_size=k, strides=s, padding=padding, dilation_rate=d), (2, 9, 3))
case("conv1d_groups2", "Conv1D", dict(filters=4, kernel_size=3, groups=2, padding="same"), (2, 8, 6))
case("conv1d_channels_first", "Conv1D", dict(filters=4, kernel_size=3, data_format="channels_first", padding="same", strides=2), (2, 3, 9))
case("conv1d_nobias_relu", "Conv1D", dict(filters=2, kernel_size=2, use_bias=False, activation="relu"), (2, 6, 3))

# ---- Conv2D ------------------------------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s, d in ((3, 1, 1), (2, 1, 1), (4, 1, 1), (3, 2, 1), (2, 2, 1), ((2, 3), (2, 1), 1), (3, 1, 2), ((3, 2), 1, (2, 1)), (5, 3, 1)):
        case(f"conv2d_{padding}_k{k}_s{s}_d{d}".replace(" ", ""), "Conv2D",
             dict(filters=3, kernel_size=k, strides=s, padding=padding, dilation_rate=d), (2, 7, 8, 2))
case("conv2d_groups3", "Conv2D", dict(filters=6, kernel_size=3, groups=3, padding="same"), (1, 5, 5, 6))
case("conv2d_channels_first_same_s2", "Conv2D", dict(filters=3, kernel_size=3, strides=2, padding="same", data_format="channels_first"), (2, 2, 7, 6))
case("conv2d_channels_first_valid", "Conv2D", dict(filters=2, kernel_size=(2, 3), data_format="channels_first"), (1, 3, 5, 6))
case("conv2d_lenet_relu", "Conv2D", dict(filters=6, kernel_size=5, padding="valid", activation="relu"), (1, 12, 12, 1))
case("conv2d_nobias_tanh", "Conv2D", dict(filters=2, kernel_size=2, use_bias=False, activation="tanh"), (1, 4, 4, 3))

# ---- Conv3D ------------------------------------------------------------------------------------------------------
for padding in ("valid", "same"):
    for k, s in ((2, 1), (3, 2), ((2, 3, 1), (1, 2, 1))):
        case(f"conv3d_{padding}_k{k}_s{s}".replace(" ", ""), "Conv3D",
             dict(filters=2, kernel_size=k, strides=s, padding=padding), (1, 4, 5, 5, 2))
case("conv3d_dilation2", "Conv3D", dict(filters=2, kernel_size=2, dilation_rate=2, padding="same"), (1, 5, 5, 5, 1))
case("conv3d_channels_first", "Conv3D", dict(filters=2, kernel_size=2, strides=2, padding="same", data_format="channels_first"), (1, 2, 5, 4, 3))

# ---- Pooling -----------------------------------------------------------------------------------------------------
for kind in ("Max", "Average"):
    for padding in ("valid", "same"):
        for p, s in ((2, None), (3, None), (3, 1), (2, 1), (4, 1), (3, 2)):
            case(f"{kind.lower()}pool1d_{padding}_p{p}_s{s}", f"{kind}Pooling1D",
                 dict(pool_size=p, strides=s, padding=padding), (2, 9, 3))
            case(f"{kind.lower()}pool2d_{padding}_p{p}_s{s}", f"{kind}Pooling2D",
                 dict(pool_size=p, strides=s, padding=padding), (2, 7, 8, 2))
        case(f"{kind.lower()}pool2d_{padding}_p23_s21", f"{kind}Pooling2D",
             dict(pool_size=(2, 3), strides=(2, 1), padding=padding), (1, 7, 8, 2))
        case(f"{kind.lower()}pool3d_{padding}_p2", f"{kind}Pooling3D", dict(pool_size=2, padding=padding), (1, 5, 4, 5, 2))
        case(f"{kind.lower()}pool3d_{padding}_p3_s1", f"{kind}Pooling3D", dict(pool_size=3, strides=1, padding=padding), (1, 4, 4, 4, 1))
    case(f"{kind.lower()}pool2d_channels_first", f"{kind}Pooling2D", dict(pool_size=2, padding="same", data_format="channels_first"), (1, 2, 5, 7))
    case(f"{kind.lower()}pool1d_channels_first", f"{kind}Pooling1D", dict(pool_size=2, data_format="channels_first"), (1, 2, 7))
    for dims, shape in ((1, (2, 5, 3)), (2, (2, 4, 5, 3)), (3, (2, 3, 4, 2, 3))):
        for keep in (False, True):
            case(f"global{kind.lower()}pool{dims}d_keepdims{keep}", f"Global{kind}Pooling{dims}D", dict(keepdims=keep), shape)
        cf = (shape[0], shape[-1]) + shape[1:-1]
        case(f"global{kind.lower()}pool{dims}d_channels_first", f"Global{kind}Pooling{dims}D", dict(data_format="channels_first"), cf)

# ---- BatchNormalization in inference (set weights: gamma, beta, moving_mean, moving_variance) ------------------------
case("batchnorm_inference_4d", "BatchNormalization", {}, (2, 3, 4, 5))
case("batchnorm_inference_axis1", "BatchNormalization", dict(axis=1, epsilon=0.01), (2, 3, 4))
case("batchnorm_inference_nocenter_noscale", "BatchNormalization", dict(center=False, scale=False), (3, 4))

# ---- Upsampling and rescaling -------------------------------------------------------------------------------------
case("upsampling1d_3", "UpSampling1D", dict(size=3), (2, 4, 3))
case("upsampling2d_default", "UpSampling2D", {}, (1, 3, 4, 2))
case("upsampling2d_21_channels_first", "UpSampling2D", dict(size=(2, 1), data_format="channels_first"), (1, 2, 3, 4))
case("upsampling3d_122", "UpSampling3D", dict(size=(1, 2, 2)), (1, 2, 3, 2, 2))
case("rescaling_255", "Rescaling", dict(scale=1.0 / 255, offset=-0.5), (2, 3, 3, 1))

layer_outputs = {"keras_version": keras.__version__, "cases": cases}

# ---- BatchNormalization in training mode: three calls, then the moving statistics -----------------------------------
bn_cases = []
for name, kwargs, shape in (("default_4d", {}, (4, 3, 3, 2)), ("momentum09_axis1", dict(axis=1, momentum=0.9), (5, 3, 2)),
                            ("noscale", dict(scale=False, center=True, momentum=0.5), (6, 4))):
    layer = layers.BatchNormalization(**kwargs)
    layer.build(shape)
    steps = []
    for step in range(3):
        x = arr(shape, 2.0) + np.float32(step)
        y = keras.ops.convert_to_numpy(layer(x, training=True))
        steps.append({"input": plain(x), "output": plain(y)})
    bn_cases.append({
        "name": name, "kwargs": kwargs, "input_shape": list(shape), "steps": steps,
        "weight_names": [w.name for w in layer.weights],
        "weights_after": [plain(keras.ops.convert_to_numpy(w)) for w in layer.weights],
        "inference_output_last_input": plain(keras.ops.convert_to_numpy(layer(x, training=False))),
    })

# A model with BatchNormalization trained by fit (SGD, 2 steps): gradients through the batch statistics, moving stats.
keras.utils.set_random_seed(0)
model = keras.Sequential([layers.InputLayer((4,)), layers.Dense(3), layers.BatchNormalization(), layers.Dense(2, activation="softmax")])
ws = [np.abs(arr(w.shape, 0.5)) + np.float32(0.1) if "variance" in w.path else arr(w.shape, 0.5) for w in model.weights]
model.set_weights(ws)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="categorical_crossentropy")
x = arr((8, 4), 2.0)
y = np.eye(2, dtype=np.float32)[[0, 1, 1, 0, 1, 0, 0, 1]]
model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
fit_case = {"x": plain(x), "y": plain(y), "weights_before": [plain(w) for w in ws],
            "weights_after": [plain(w) for w in model.get_weights()],
            "weight_names": [w.path for w in model.weights]}
# Frozen BatchNormalization: inference mode inside fit, moving statistics unchanged.
model.layers[1].trainable = False
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="categorical_crossentropy")
before_frozen = [plain(w) for w in model.get_weights()]
model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
fit_case["frozen_weights_before"] = before_frozen
fit_case["frozen_weights_after"] = [plain(w) for w in model.get_weights()]

with open("layer_outputs.json", "w") as f:
    json.dump(layer_outputs, f, separators=(",", ":"))
with open("batchnorm_training.json", "w") as f:
    json.dump({"keras_version": keras.__version__, "calls": bn_cases, "fit": fit_case}, f, separators=(",", ":"))

# ---- Error messages (for reference in docs; KerasSharp words its own) ---------------------------------------------
errors = {}
for label, fn in (
    ("conv2d_wrong_rank", lambda: layers.Conv2D(2, 3)(np.zeros((2, 5, 5), np.float32))),
    ("conv2d_kernel_too_large", lambda: layers.Conv2D(2, 5)(np.zeros((1, 3, 3, 1), np.float32))),
    ("maxpool2d_too_large", lambda: layers.MaxPooling2D(4)(np.zeros((1, 3, 3, 1), np.float32))),
):
    try:
        fn()
        errors[label] = None
    except Exception as e:  # noqa: BLE001
        errors[label] = f"{type(e).__name__}: {e}"
with open("errors.json", "w") as f:
    json.dump(errors, f, indent=1)
print(len(cases), "layer cases,", len(bn_cases), "batchnorm cases")
