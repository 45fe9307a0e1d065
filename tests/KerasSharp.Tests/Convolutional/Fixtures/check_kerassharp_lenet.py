"""Checks that a LeNet saved by KerasSharp loads in real Keras 3 and predicts what KerasSharp predicted.

usage: /work/shared/tools/real-keras/run.sh <keras git dir> check_kerassharp_lenet.py MODEL.keras PREDICTIONS.json
PREDICTIONS.json: {"input_shape": [...], "input": [flat floats], "predictions": [[...], ...]} written next to the
model by KerasSharp (examples/ConvNets writes both: figures/lenet.keras and figures/lenet_predictions.json).
"""
import json
import sys

import numpy as np
import keras
from keras.src.initializers import random_initializers

# KerasSharp writes the configs of newer Keras releases (Dense's "quantization_config", 3.13; the initializers'
# "input_axes"/"output_axes", 3.15); the 3.11.3 oracle predates those keys, so they are dropped when at their default.


def drop_newer_keys(cls, keys):
    original = cls.from_config.__func__

    def from_config(klass, config):
        return original(klass, {k: v for k, v in config.items() if not (k in keys and v is None)})
    cls.from_config = classmethod(from_config)


for cls in (random_initializers.VarianceScaling, random_initializers.GlorotUniform, random_initializers.GlorotNormal,
            random_initializers.HeUniform, random_initializers.HeNormal, random_initializers.LecunUniform,
            random_initializers.LecunNormal):
    drop_newer_keys(cls, ("input_axes", "output_axes"))
drop_newer_keys(keras.layers.Dense, ("quantization_config",))

model_path, predictions_path = sys.argv[1], sys.argv[2]
model = keras.models.load_model(model_path)
model.summary(line_length=88)
with open(predictions_path) as f:
    expected = json.load(f)
x = np.asarray(expected["input"], dtype=np.float32).reshape(expected["input_shape"])
p = model.predict(x, verbose=0)
want = np.asarray(expected["predictions"], dtype=np.float32)
err = float(np.max(np.abs(p - want)))
print(f"layers: {[type(l).__name__ for l in model.layers]}")
print(f"max |keras - kerassharp| = {err:.3g}")
if err > 1e-5:
    sys.exit("FAIL: Keras's predictions differ from KerasSharp's")
print("OK: Keras loads the KerasSharp file and predicts the same")
