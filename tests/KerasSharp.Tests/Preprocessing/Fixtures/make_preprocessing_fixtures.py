"""Builds image_preprocessing.json and image_preprocessing.keras with real Keras 3.11.3 (torch backend): the outputs of
Resizing, CenterCrop, RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomCrop and RandomContrast for fixed
inputs (the random layers with factors that make them deterministic, and seeded draws), their get_config(), output
shapes and error messages, and a saved Sequential model holding every layer. Run with the oracle, from this folder:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo make_preprocessing_fixtures.py
"""
import json
import os

import numpy as np
import keras
from keras import layers

here = os.path.dirname(os.path.abspath(__file__))

# The oracle's torch 1.13 refuses the int32 index tensors Keras 3.11.3's map_coordinates builds (torch >= 2 accepts
# them): the two index helpers are wrapped to return int64 indices, the same values.
import torch  # noqa: E402
from keras.src.backend.torch import image as torch_image  # noqa: E402

for _helper in ("_nearest_indices_and_weights", "_linear_indices_and_weights"):
    _original = getattr(torch_image, _helper)
    setattr(torch_image, _helper, lambda c, _f=_original: [(i.to(torch.int64), w) for i, w in _f(c)])

# (2, 5, 6, 3) channels_last images with values in [0, 250]; the same images channels_first; a batch of 8 smaller ones.
x = (((np.arange(2 * 5 * 6 * 3) * 37) % 101) * 2.5).astype(np.float32).reshape(2, 5, 6, 3)
x_cf = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
xb = (((np.arange(8 * 4 * 5 * 2) * 13) % 29) * 3.0).astype(np.float32).reshape(8, 4, 5, 2)
inputs = {"x": x, "x_cf": x_cf, "xb": xb}

cases = []


def case(cls, kwargs, inp="x", training=False):
    layer = getattr(layers, cls)(**kwargs)
    y = np.asarray(layer(inputs[inp], training=training))
    cases.append({"class_name": cls, "kwargs": kwargs, "input": inp, "training": training,
                  "shape": list(y.shape), "y": y.reshape(-1).tolist(),
                  "config": layer.get_config(), "output_shape": list(layer.compute_output_shape((None,) + inputs[inp].shape[1:]))})


for interp in ["bilinear", "nearest", "bicubic"]:
    for size in [(4, 4), (7, 9), (3, 8)]:
        case("Resizing", {"height": size[0], "width": size[1], "interpolation": interp})
case("Resizing", {"height": 3, "width": 8, "crop_to_aspect_ratio": True})
case("Resizing", {"height": 8, "width": 3, "crop_to_aspect_ratio": True, "interpolation": "nearest"})
case("Resizing", {"height": 3, "width": 8, "pad_to_aspect_ratio": True, "fill_value": 7.0})
case("Resizing", {"height": 8, "width": 3, "pad_to_aspect_ratio": True, "fill_value": 7.0})
case("Resizing", {"height": 3, "width": 4, "antialias": True})
case("Resizing", {"height": 3, "width": 4, "antialias": True, "interpolation": "bicubic"})
case("Resizing", {"height": 4, "width": 4, "data_format": "channels_first"}, "x_cf")
for size in [(3, 4), (4, 3), (2, 2), (5, 6), (8, 8), (7, 4), (2, 9)]:
    case("CenterCrop", {"height": size[0], "width": size[1]})
case("CenterCrop", {"height": 3, "width": 4, "data_format": "channels_first"}, "x_cf")
case("CenterCrop", {"height": 8, "width": 8, "data_format": "channels_first"}, "x_cf")

for mode in ["horizontal", "vertical", "horizontal_and_vertical"]:
    case("RandomFlip", {"mode": mode, "seed": 3}, "xb", True)
case("RandomFlip", {"mode": "horizontal", "seed": 3, "data_format": "channels_first"}, "x_cf", True)
case("RandomFlip", {"seed": 3}, "xb", False)

FILL = ["reflect", "wrap", "constant", "nearest"]
for layer_name, factors in [("RandomRotation", [{"factor": (0.25, 0.25)}, {"factor": (0.1, 0.1)}, {"factor": (-0.125, -0.125)}]),
                            ("RandomZoom", [{"height_factor": (0.3, 0.3), "width_factor": (-0.2, -0.2)},
                                            {"height_factor": (-0.4, -0.4)}, {"height_factor": (0.5, 0.5), "width_factor": (0.0, 0.0)}]),
                            ("RandomTranslation", [{"height_factor": (0.2, 0.2), "width_factor": (-0.3, -0.3)},
                                                   {"height_factor": (-0.1, -0.1), "width_factor": (0.25, 0.25)}])]:
    for f in factors:
        for fill in FILL:
            for interp in ["bilinear", "nearest"]:
                case(layer_name, dict(f, fill_mode=fill, interpolation=interp, fill_value=7.0), "x", True)
    case(layer_name, dict(factors[0], data_format="channels_first"), "x_cf", True)
    case(layer_name, dict(factors[0]), "x", False)
case("RandomRotation", {"factor": 0.2, "seed": 5}, "xb", True)
case("RandomZoom", {"height_factor": 0.3, "seed": 5}, "xb", True)
case("RandomZoom", {"height_factor": 0.3, "width_factor": (-0.2, 0.1), "seed": 5}, "xb", True)
case("RandomTranslation", {"height_factor": 0.3, "width_factor": (-0.2, 0.1), "seed": 5}, "xb", True)

case("RandomCrop", {"height": 3, "width": 4, "seed": 7}, "x", True)
case("RandomCrop", {"height": 2, "width": 2, "seed": 7}, "xb", True)
case("RandomCrop", {"height": 3, "width": 4, "seed": 7}, "x", False)
case("RandomCrop", {"height": 5, "width": 4, "seed": 7}, "x", True)
case("RandomCrop", {"height": 6, "width": 6, "seed": 7}, "x", True)
case("RandomCrop", {"height": 3, "width": 4, "seed": 7, "data_format": "channels_first"}, "x_cf", True)

case("RandomContrast", {"factor": 0.5, "seed": 9}, "xb", True)
case("RandomContrast", {"factor": (0.2, 0.4), "value_range": (0, 100), "seed": 9}, "x", True)
case("RandomContrast", {"factor": 0.5, "seed": 9}, "xb", False)
case("RandomContrast", {"factor": 0.0, "seed": 9}, "x", True)

# Error messages for bad arguments (Keras's wording; KerasSharp's messages contain the key phrase).
errors = []


def error(cls, kwargs):
    try:
        getattr(layers, cls)(**kwargs)
        errors.append({"class_name": cls, "kwargs": kwargs, "error": None})
    except Exception as e:  # noqa: BLE001
        errors.append({"class_name": cls, "kwargs": kwargs, "type": type(e).__name__, "error": str(e)})


error("RandomRotation", {"factor": 1.5})
error("RandomRotation", {"factor": (0.1, 0.2, 0.3)})
error("RandomRotation", {"factor": 0.1, "fill_mode": "mirror"})
error("RandomRotation", {"factor": 0.1, "interpolation": "bicubic"})
error("RandomZoom", {"height_factor": 1.5})
error("RandomZoom", {"height_factor": 0.1, "width_factor": (0.1, -2.0)})
error("RandomTranslation", {"height_factor": 0.1, "width_factor": -1.2})
error("RandomContrast", {"factor": 1.5})
error("RandomContrast", {"factor": -0.5})

# A model holding every layer, saved; its predictions (inference: the random layers are identities, RandomCrop too).
keras.utils.set_random_seed(1)
model = keras.Sequential([
    keras.Input((8, 10, 3)),
    layers.Resizing(6, 8, interpolation="bilinear"),
    layers.CenterCrop(5, 7),
    layers.RandomFlip("horizontal", seed=1),
    layers.RandomRotation(0.1, fill_mode="constant", seed=2),
    layers.RandomZoom(0.2, (-0.1, 0.3), fill_mode="nearest", seed=3),
    layers.RandomTranslation(0.1, 0.2, interpolation="nearest", seed=4),
    layers.RandomCrop(4, 5, seed=5),
    layers.RandomContrast((0.1, 0.3), value_range=(0, 1), seed=6),
    layers.Rescaling(1.0 / 255),
    layers.GlobalAveragePooling2D(),
    layers.Dense(2),
])
model.compile(optimizer="adam", loss="mse")
summary_lines = []
model.summary(print_fn=lambda s, line_break=None: summary_lines.append(s), line_length=76)
model.save(os.path.join(here, "image_preprocessing.keras"))
mx = (((np.arange(3 * 8 * 10 * 3) * 7) % 23) * 10.0).astype(np.float32).reshape(3, 8, 10, 3)
my = np.asarray(model.predict(mx, verbose=0))
summary = [{"name": l.name, "class_name": type(l).__name__, "output_shape": list(l.output.shape),
            "config": l.get_config()} for l in model.layers]


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, np.generic):
        return o.item()
    return o


json.dump(clean({"inputs": {k: {"shape": list(v.shape), "values": v.reshape(-1).tolist()} for k, v in inputs.items()},
                 "cases": cases, "errors": errors,
                 "model": {"x_shape": list(mx.shape), "x": mx.reshape(-1).tolist(), "y": my.reshape(-1).tolist(),
                           "summary_76": "\n".join(summary_lines),
                           "layers": summary}}),
          open(os.path.join(here, "image_preprocessing.json"), "w"))
print("ok", keras.__version__, len(cases), "cases")
