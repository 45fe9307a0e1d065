"""Checks that real Keras 3.11.3 loads the archive KerasSharp writes for the reshaping-layers model and predicts what
Keras predicted for the original (reshaping_layers.json). Make the file with

    KERASSHARP_EXPORT=$PWD dotnet test tests/KerasSharp.Tests --filter SavedArchive_LoadsBackWithTheSameLayersAndPredictions

then run, from this folder:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_keras_loads.py written_by_kerassharp.keras
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
data = json.load(open(os.path.join(here, "reshaping_layers.json")))
# Keys of later Keras releases that KerasSharp still writes (quantization_config: 3.13, input_axes/output_axes: 3.15) are
# removed first: issue 13 item 6 stops writing them, and then this changes nothing. Nothing else is touched.
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
x = np.asarray(data["x"], dtype=np.float32).reshape(data["x_shape"])
y = np.asarray(model.predict(x, verbose=0))
diff = np.abs(y.reshape(-1) - np.asarray(data["y"], dtype=np.float32)).max()
print("max |diff| =", diff)
for a, b in zip(model.layers, data["layers"]):
    assert type(a).__name__ == b["class_name"] and list(a.output.shape[1:]) == b["output_shape"], (a, b)
assert diff < 1e-6, diff
print("ok: Keras", keras.__version__, "loads it and predicts the same")
