"""Checks that real Keras 3.11.3 loads the archive KerasSharp writes for an Embedding(mask_zero) + LSTM + GRU
(reset_after False and True) + SimpleRNN(go_backwards) model, and predicts what KerasSharp predicted. Make the files with

    KERASSHARP_EXPORT=$PWD dotnet test tests/KerasSharp.Tests --filter ArchiveForKeras_IsWrittenWithItsPredictions

(from this folder), then run:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_keras_loads_rnn.py written_by_kerassharp_rnn.keras
"""
import json
import os
import sys
import tempfile
import zipfile

import numpy as np
import keras

here = os.path.dirname(os.path.abspath(__file__))
data = json.load(open(os.path.join(here, "written_by_kerassharp_rnn.json")))
# Keys of later Keras releases that KerasSharp still writes (see Layers/Fixtures/check_keras_loads.py) are removed first.
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
ids = np.asarray(data["ids"], dtype="int32")
y = np.asarray(model.predict(ids, verbose=0))
diff = np.abs(y - np.asarray(data["predictions"], dtype=np.float32)).max()
print("max |diff| =", diff)
assert diff < 1e-5, diff
print("ok: Keras", keras.__version__, "loads it and predicts the same")
