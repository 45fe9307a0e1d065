"""Issue 13 item 6: .keras files moving both ways between KerasSharp and real Keras 3 (torch backend).

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo keras_roundtrip.py
    (KERAS_TAG=v3.x.y picks another release; the committed results are Keras 3.11.3's)

1. Loads kerassharp_saved.keras (written by KerasSharp: KerasRoundTripTests regenerates it with
   KERASSHARP_REGENERATE_FIXTURES=1, with KerasSharp's own predictions and next-step weights in
   kerassharp_saved.expected.json), predicts, takes one more full-batch Adam step, and writes the largest differences
   to keras_read_ours.result.json (or keras_read_ours.<version>.result.json for other releases).
2. Builds the same architecture in Keras, trains 3 steps, saves keras_<version>_made.keras, and records its
   predictions and the weights after one more step in keras_<version>_made.expected.json, which
   KerasRoundTripTests loads in KerasSharp and compares.
Run from this folder; it reads and writes files here only.
"""
import json
import os
import sys

import numpy as np

import keras

os.chdir(os.path.dirname(os.path.abspath(__file__)))
version = keras.__version__
tag = version.replace(".", "_")

x = np.array([[((7 * n + 3 * k) % 11 - 5) / 4 for k in range(4)] for n in range(6)], dtype=np.float32)
y = np.eye(3, dtype=np.float32)[[n % 3 for n in range(6)]]


def predict_and_step(model):
    predictions = model.predict(x, verbose=0)
    model.fit(x, y, batch_size=6, epochs=1, shuffle=False, verbose=0)
    return predictions, [w.astype(np.float32) for w in model.get_weights()]


# 1. KerasSharp's file in Keras.
ours = json.load(open("kerassharp_saved.expected.json"))
model = keras.models.load_model("kerassharp_saved.keras")
iterations_loaded = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
predictions, weights = predict_and_step(model)
prediction_difference = float(np.max(np.abs(predictions - np.array(ours["predictions"], dtype=np.float32).reshape(predictions.shape))))
weight_difference = max(float(np.max(np.abs(w - np.array(e, dtype=np.float32).reshape(w.shape))))
                        for w, e in zip(weights, ours["weights_after_step"]))
result = {
    "keras_version": version,
    "iterations_loaded": iterations_loaded,
    "max_prediction_difference": prediction_difference,
    "max_weight_difference_after_step": weight_difference,
    "iterations_after_step": int(keras.ops.convert_to_numpy(model.optimizer.iterations)),
}
name = "keras_read_ours.result.json" if version == "3.11.3" else f"keras_read_ours.{version}.result.json"
json.dump(result, open(name, "w"), indent=1)
print(name, result)
ok = prediction_difference <= 6e-8 and weight_difference <= 1e-6 and iterations_loaded == 3

# 2. Keras's file for KerasSharp.
keras.utils.set_random_seed(1)
model = keras.Sequential([keras.layers.InputLayer((4,)),
                          keras.layers.Dense(5, activation="relu", kernel_initializer="he_uniform"),
                          keras.layers.Dense(3, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)   # 3 steps
model.save(f"keras_{tag}_made.keras")
predictions, weights = predict_and_step(model)
json.dump({"keras_version": version, "predictions": predictions.tolist(), "weights_after_step": [w.tolist() for w in weights]},
          open(f"keras_{tag}_made.expected.json", "w"))
print(f"wrote keras_{tag}_made.keras")
sys.exit(0 if ok else 1)
