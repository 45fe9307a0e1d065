"""Checks that real Keras 3.11.3 loads the .keras files KerasSharp writes for the transposed, depthwise and separable
convolutions and predicts what KerasSharp predicted. Make the files with (from the repository root)

    KERASSHARP_EXPORT=$PWD/tests/KerasSharp.Tests/Convolutional/Fixtures dotnet test tests/KerasSharp.Tests \
        --filter SavedHere_LoadsBackWithSameConfigsAndPredictions

(kerassharp_2d_output_padding.keras, kerassharp_1d3d.keras and their *_predictions.json), then run, from this folder:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_kerassharp_transpose_separable.py

The transposed convolutions' configs carry "output_padding" (written by Keras from 3.15.0; 3.11.3 leaves it out of
get_config but takes it as a constructor argument), so the model with output_padding=(1, 0) must come back with it.
"""
import json
import os
import sys
import tempfile
import zipfile

import numpy as np
import keras

here = os.path.dirname(os.path.abspath(__file__))
# Keys of later Keras releases that KerasSharp may still write (quantization_config: 3.13, input_axes/output_axes: 3.15)
# are removed when None (see Layers/Fixtures/check_keras_loads.py). output_padding is kept.
LATER_KEYS = {"quantization_config", "input_axes", "output_axes"}


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if not (k in LATER_KEYS and v is None)}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o


failed = False
for label in ("2d_output_padding", "1d3d"):
    src = zipfile.ZipFile(os.path.join(here, f"kerassharp_{label}.keras"))
    path = os.path.join(tempfile.mkdtemp(), "checked.keras")
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "config.json":
                content = json.dumps(strip(json.loads(content))).encode()
            out.writestr(info.filename, content)
    model = keras.models.load_model(path)
    expected = json.load(open(os.path.join(here, f"kerassharp_{label}_predictions.json")))
    x = np.asarray(expected["input"], dtype=np.float32).reshape(expected["input_shape"])
    y = np.asarray(model.predict(x, verbose=0)).reshape(-1)
    diff = float(np.abs(y - np.asarray(expected["predictions"], dtype=np.float32)).max())
    print(label, [type(l).__name__ for l in model.layers])
    print(f"  output_paddings: {[getattr(l, 'output_padding', None) for l in model.layers if 'Transpose' in type(l).__name__]}")
    print(f"  max |keras - kerassharp| = {diff:.3g}")
    if diff > 1e-5:
        failed = True
if failed:
    sys.exit("FAIL: Keras's predictions differ from KerasSharp's")
print("OK: Keras loads the KerasSharp files and predicts the same")
