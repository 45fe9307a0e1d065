"""Checks that real Keras 3.11.3 loads the archive KerasSharp writes for the image-preprocessing model and predicts what
Keras predicted for the original (image_preprocessing.json), with the same layer configs. Make the file with

    KERASSHARP_EXPORT=$PWD dotnet test tests/KerasSharp.Tests --filter SavedArchive_LoadsBackWithTheSameConfigsAndPredictions

(from this folder's path), then run, from this folder:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_keras_loads_preprocessing.py written_by_kerassharp.keras

It also runs the loaded model's augmentation layers in training on the fixture batch, to show Keras can use them.
"""
import io
import json
import os
import sys
import tempfile
import zipfile

import numpy as np
import keras

here = os.path.dirname(os.path.abspath(__file__))
data = json.load(open(os.path.join(here, "image_preprocessing.json")))["model"]
# Keys of later Keras releases that KerasSharp still writes (quantization_config: 3.13, input_axes/output_axes: 3.15) are
# removed first, as in Layers/Fixtures/check_keras_loads.py. Nothing else is touched.
LATER_KEYS = {"quantization_config", "input_axes", "output_axes"}


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if not (k in LATER_KEYS and v is None)}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


src = zipfile.ZipFile(sys.argv[1])
path = os.path.join(tempfile.mkdtemp(), "checked.keras")
with zipfile.ZipFile(path, "w") as out:
    for info in src.infolist():
        content = src.read(info.filename)
        if info.filename == "config.json":
            content = json.dumps(strip(json.loads(content))).encode()
        out.writestr(info.filename, content)
model = keras.models.load_model(path)
print([type(l).__name__ for l in model.layers])


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    return o


for a, b in zip(model.layers, data["layers"]):
    assert type(a).__name__ == b["class_name"] and list(a.output.shape) == b["output_shape"], (a, b)
    if b["class_name"] != "Dense":
        assert clean(a.get_config()) == b["config"], (a.get_config(), b["config"])
x = np.asarray(data["x"], dtype=np.float32).reshape(data["x_shape"])
y = np.asarray(model.predict(x, verbose=0))
diff = np.abs(y.reshape(-1) - np.asarray(data["y"], dtype=np.float32)).max()
print("max |diff| =", diff)
assert diff < 1e-5, diff
# The oracle's torch 1.13 refuses the int32 index tensors of Keras 3.11.3's map_coordinates (see
# make_preprocessing_fixtures.py): wrapped to int64 indices, the same values.
import torch  # noqa: E402
from keras.src.backend.torch import image as torch_image  # noqa: E402

for _helper in ("_nearest_indices_and_weights", "_linear_indices_and_weights"):
    _original = getattr(torch_image, _helper)
    setattr(torch_image, _helper, lambda c, _f=_original: [(i.to(torch.int64), w) for i, w in _f(c)])
h = x
for layer in model.layers[:8]:
    h = layer(h, training=True)
print("training pass through the augmentation layers:", tuple(h.shape))
print("ok: Keras", keras.__version__, "loads it, with the same configs, and predicts the same")
