"""Checks that real Keras 3.11.3 loads the archives KerasSharp writes for the three padding/cropping/normalization
models (normalization_models.json) and predicts what Keras predicted for its own originals, with the same configs for
the padding, cropping and normalization layers and Normalization's saved variables (mean, variance float32; count
int32). Make the files with

    KERASSHARP_EXPORT=$PWD dotnet test tests/KerasSharp.Tests --filter SavedFile_LoadsBackIdentically

then run, from this folder:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_keras_loads_normalization.py \
        written_by_kerassharp_2d.keras written_by_kerassharp_1d.keras written_by_kerassharp_3d.keras
"""
import json
import os
import sys
import tempfile
import warnings
import zipfile

import h5py
import numpy as np
import keras

warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
models = json.load(open(os.path.join(here, "normalization_models.json")))
OURS = {"ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D",
        "LayerNormalization", "GroupNormalization", "UnitNormalization", "Normalization"}
# Keys of later Keras releases that KerasSharp still writes for Dense/Conv (quantization_config: 3.13, input_axes /
# output_axes: 3.15) are removed first, as in Layers/Fixtures/check_keras_loads.py; nothing else is touched.
LATER_KEYS = {"quantization_config", "input_axes", "output_axes"}


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if not (k in LATER_KEYS and v is None)}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


for path in sys.argv[1:]:
    key = os.path.basename(path).rsplit("_", 1)[1].split(".")[0]
    expected = models[key]
    src = zipfile.ZipFile(path)
    with h5py.File(src.open("model.weights.h5"), "r") as h5:
        for name in h5["layers"]:
            if name.startswith("normalization"):
                dtypes = [str(h5[f"layers/{name}/vars/{i}"].dtype) for i in range(len(h5[f"layers/{name}/vars"]))]
                print(key, name, "saved variables", dtypes)
                assert dtypes in ([], ["float32", "float32", "int32"]), dtypes
    checked = os.path.join(tempfile.mkdtemp(), "checked.keras")
    with zipfile.ZipFile(checked, "w") as out:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "config.json":
                content = json.dumps(strip(json.loads(content))).encode()
            out.writestr(info.filename, content)
    model = keras.models.load_model(checked)
    x = np.asarray(expected["x"], dtype=np.float32).reshape(expected["x_shape"])
    y = np.asarray(model.predict(x, verbose=0))
    diff = np.abs(y.reshape(-1) - np.asarray(expected["y"], dtype=np.float32).reshape(-1)).max()
    for a, b in zip(model.layers, expected["layers"]):
        assert type(a).__name__ == b["class_name"] and a.name == b["name"], (a, b)
        if b["class_name"] in OURS:
            got = json.loads(json.dumps(a.get_config()))
            assert got == b["config"], (b["name"], got, b["config"])
    assert diff < 1e-5, diff
    print(f"ok {key}: Keras {keras.__version__} loads it, same layer configs, max |diff| = {diff:.3g}")
