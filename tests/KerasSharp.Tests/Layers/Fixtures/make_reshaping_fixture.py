"""Builds reshaping_layers.keras and reshaping_layers.json with real Keras 3.11.3 (torch backend):

    model = keras.Sequential([keras.Input((2, 3, 4)), Permute((3, 1, 2)), Reshape((-1, 6)), Flatten(), Identity(),
                              Dense(5, activation="tanh"), RepeatVector(3), Flatten(data_format="channels_first"),
                              Dense(2, activation="softmax")])

with seeded weights, compiled (adam, categorical_crossentropy), saved; the JSON holds an input batch, Keras's
predictions, every layer's output shape and get_config(). Run with the oracle:

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo make_reshaping_fixture.py
"""
import json
import os

import numpy as np
import keras
from keras import layers

here = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(1)
model = keras.Sequential([
    keras.Input((2, 3, 4)),
    layers.Permute((3, 1, 2)),
    layers.Reshape((-1, 6)),
    layers.Flatten(),
    layers.Identity(),
    layers.Dense(5, activation="tanh"),
    layers.RepeatVector(3),
    layers.Flatten(data_format="channels_first"),
    layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
x = (np.arange(5 * 24, dtype=np.float32).reshape(5, 2, 3, 4) % 7 - 3) / 4
y = model.predict(x, verbose=0)
model.save(os.path.join(here, "reshaping_layers.keras"))
inter = []
h = x
for layer in model.layers:
    h = layer(h)
    inter.append({"name": layer.name, "class_name": type(layer).__name__, "output_shape": list(h.shape[1:]),
                  "config": layer.get_config()})


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    return o


json.dump({"x": x.reshape(-1).tolist(), "x_shape": list(x.shape), "y": np.asarray(y).reshape(-1).tolist(),
           "y_shape": list(np.asarray(y).shape),
           "flatten_values": np.asarray(model.layers[2](model.layers[1](model.layers[0](x)))).reshape(-1).tolist(),
           "layers": clean(inter)},
          open(os.path.join(here, "reshaping_layers.json"), "w"), indent=1, default=str)
print("ok", keras.__version__)
