"""LeNet-5 from the CNN chapter, made by real Keras 3 (torch backend):

- lenet_summary.json: model.summary() text at line_length 88 and 76 (rich renders at COLUMNS=120 so 88 is not
  cropped), and at 88 after one Adam step (with the "Optimizer params" line);
- lenet_keras.keras: a fresh LeNet with seeded weights, compiled with Adam (not trained), saved by Keras;
- lenet_predictions.json: the input (seeded) and model.predict of the saved model.

Run from this folder:  /work/shared/tools/real-keras/run.sh <keras git dir> make_lenet_fixtures.py
"""
import json
import os

os.environ["COLUMNS"] = "120"

import numpy as np
import keras
from keras import layers


def lenet():
    return keras.Sequential([
        layers.InputLayer(input_shape=(32, 32, 1)),
        layers.Conv2D(filters=6, kernel_size=5, padding="valid", activation="relu"),
        layers.MaxPool2D(pool_size=2),
        layers.Conv2D(filters=16, kernel_size=5, padding="valid", activation="relu"),
        layers.MaxPool2D(pool_size=2),
        layers.Flatten(),
        layers.Dense(120, activation="relu"),
        layers.Dense(84, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])


texts = {}
model = lenet()
for key, kwargs in (("88", dict(line_length=88)), ("76", dict(line_length=76))):
    lines = []
    model.summary(print_fn=lambda s, line_break=None: lines.append(s), **kwargs)
    texts[key] = "\n".join(lines)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

rng = np.random.RandomState(7)


def seeded_weights(m):
    m.set_weights([(rng.uniform(-1, 1, size=w.shape) / np.sqrt(np.prod(w.shape[:-1]) if len(w.shape) > 1 else 8.0))
                   .astype(np.float32) for w in m.weights])


seeded_weights(model)
x_train = rng.uniform(0, 1, size=(16, 32, 32, 1)).astype(np.float32)
y_train = np.eye(10, dtype=np.float32)[rng.randint(0, 10, size=16)]
model.fit(x_train, y_train, batch_size=16, epochs=1, verbose=0)
lines = []
model.summary(print_fn=lambda s, line_break=None: lines.append(s), line_length=88)
texts["88_after_adam"] = "\n".join(lines)
with open("lenet_summary.json", "w") as f:
    json.dump(texts, f, indent=1)

fresh = lenet()
seeded_weights(fresh)
fresh.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
fresh.save("lenet_keras.keras")
x = rng.uniform(0, 1, size=(4, 32, 32, 1)).astype(np.float32)
reloaded = keras.models.load_model("lenet_keras.keras")
p = reloaded.predict(x, verbose=0)
with open("lenet_predictions.json", "w") as f:
    json.dump({"input_shape": list(x.shape), "input": x.astype(np.float64).ravel().tolist(),
               "predictions": p.astype(np.float64).tolist()}, f, separators=(",", ":"))
print("\n".join(texts.values()))
