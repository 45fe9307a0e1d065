"""Oracle fixtures for ZeroPadding1D/2D/3D and Cropping1D/2D/3D, computed by real Keras 3.11.3 (torch backend).

Run from this folder:
    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo make_padding_cropping_fixtures.py
Writes padding_cropping.json: for each case the class name, the constructor's keyword arguments, the input (seeded
NumPy draws rounded to float32), the output, compute_output_shape for a None batch, get_config(); and the errors
Keras raises for bad arguments and for croppings larger than the input.
"""
import json

import numpy as np
import keras
from keras import layers

rng = np.random.RandomState(4321)


def arr(shape):
    return rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)


def plain(a):
    a = np.asarray(a, dtype=np.float32)
    return np.vectorize(lambda v: float(f"{v:.9g}"), otypes=[object])(a).tolist() if a.size else a.tolist()


def js(o):
    return json.loads(json.dumps(o))


cases = []


def case(name, cls, kwargs, input_shape):
    layer = getattr(layers, cls)(**kwargs)
    x = arr(input_shape)
    y = keras.ops.convert_to_numpy(layer(x))
    cases.append({
        "name": name, "class_name": cls, "kwargs": kwargs,
        "input_shape": list(input_shape), "input": plain(x),
        "output_shape": list(y.shape), "output": plain(y),
        "symbolic_output_shape": list(layer.compute_output_shape((None,) + tuple(input_shape[1:]))),
        "config": js(layer.get_config()),
    })


case("zeropadding1d_default", "ZeroPadding1D", {}, (2, 3, 2))
case("zeropadding1d_2", "ZeroPadding1D", dict(padding=2), (1, 3, 2))
case("zeropadding1d_20", "ZeroPadding1D", dict(padding=[2, 0]), (2, 3, 2))
case("zeropadding1d_channels_first", "ZeroPadding1D", dict(padding=[1, 3], data_format="channels_first"), (2, 2, 3))
case("zeropadding2d_default", "ZeroPadding2D", {}, (2, 3, 2, 2))
case("zeropadding2d_2", "ZeroPadding2D", dict(padding=2), (1, 2, 3, 1))
case("zeropadding2d_12", "ZeroPadding2D", dict(padding=[1, 2]), (1, 2, 3, 2))
case("zeropadding2d_pairs", "ZeroPadding2D", dict(padding=[[1, 0], [2, 3]]), (2, 2, 3, 2))
case("zeropadding2d_mixed", "ZeroPadding2D", dict(padding=[1, [0, 2]]), (1, 2, 2, 1))
case("zeropadding2d_channels_first", "ZeroPadding2D", dict(padding=[[0, 1], [2, 0]], data_format="channels_first"), (2, 2, 3, 2))
case("zeropadding3d_default", "ZeroPadding3D", {}, (1, 2, 2, 2, 2))
case("zeropadding3d_102", "ZeroPadding3D", dict(padding=[1, 0, 2]), (1, 2, 3, 2, 1))
case("zeropadding3d_pairs", "ZeroPadding3D", dict(padding=[[1, 0], [0, 2], [1, 1]]), (2, 2, 2, 3, 2))
case("zeropadding3d_channels_first", "ZeroPadding3D", dict(padding=[[0, 1], 1, [2, 0]], data_format="channels_first"), (1, 2, 2, 3, 2))
case("cropping1d_default", "Cropping1D", {}, (2, 5, 2))
case("cropping1d_20", "Cropping1D", dict(cropping=[2, 0]), (2, 5, 3))
case("cropping1d_03", "Cropping1D", dict(cropping=[0, 3]), (1, 5, 2))
case("cropping1d_2", "Cropping1D", dict(cropping=2), (1, 6, 2))
case("cropping2d_default", "Cropping2D", {}, (1, 3, 4, 2))
case("cropping2d_1", "Cropping2D", dict(cropping=1), (2, 4, 5, 2))
case("cropping2d_12", "Cropping2D", dict(cropping=[1, 2]), (1, 5, 6, 2))
case("cropping2d_pairs", "Cropping2D", dict(cropping=[[1, 0], [0, 2]]), (2, 4, 5, 3))
case("cropping2d_channels_first", "Cropping2D", dict(cropping=[[0, 1], [2, 0]], data_format="channels_first"), (2, 2, 4, 5))
case("cropping3d_default", "Cropping3D", {}, (1, 4, 3, 5, 2))
case("cropping3d_101", "Cropping3D", dict(cropping=[1, 0, 1]), (1, 4, 3, 4, 1))
case("cropping3d_pairs", "Cropping3D", dict(cropping=[[1, 0], [0, 2], [1, 1]]), (2, 3, 4, 4, 2))
case("cropping3d_channels_first", "Cropping3D", dict(cropping=[[0, 1], 1, [2, 0]], data_format="channels_first"), (1, 2, 3, 4, 5))

errors = {}
for label, fn in (
    ("cropping1d_too_large", lambda: layers.Cropping1D((2, 3))(np.zeros((1, 5, 2), np.float32))),
    ("cropping2d_too_large", lambda: layers.Cropping2D(((1, 1), (2, 2)))(np.zeros((1, 4, 4, 1), np.float32))),
    ("cropping3d_too_large", lambda: layers.Cropping3D(((1, 1), (0, 0), (3, 0)))(np.zeros((1, 4, 4, 3, 1), np.float32))),
    ("cropping2d_negative", lambda: layers.Cropping2D(-1)),
    ("cropping2d_three", lambda: layers.Cropping2D((1, 2, 3))),
    ("zeropadding1d_negative", lambda: layers.ZeroPadding1D((1, -2))),
    ("zeropadding2d_three", lambda: layers.ZeroPadding2D((1, 2, 3))),
    ("zeropadding3d_bad_entry", lambda: layers.ZeroPadding3D((1, (1, 2, 3), 1))),
    ("zeropadding2d_wrong_rank", lambda: layers.ZeroPadding2D(1)(np.zeros((1, 4, 4), np.float32))),
):
    try:
        fn()
        errors[label] = None
    except Exception as e:  # noqa: BLE001
        errors[label] = f"{type(e).__name__}: {e}"

with open("padding_cropping.json", "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "errors": errors}, f, separators=(",", ":"))
print(len(cases), "cases;", json.dumps(errors, indent=1))
