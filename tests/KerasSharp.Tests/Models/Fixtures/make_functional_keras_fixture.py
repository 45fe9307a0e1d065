"""Makes keras_functional_resnet.keras (+ _inputs/_outputs in functional_resnet_io.json) with real Keras 3.11.3:
a ResNet-style model of Dense layers with two residual blocks (Add), two inputs (Concatenate) and two outputs,
compiled with losses and metrics per output; KerasSharp must load it and predict the same numbers.
Run: /work/shared/tools/real-keras/run.sh <keras git dir> make_functional_keras_fixture.py
"""
import json
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(1)
x = keras.Input(shape=(6,), name="features")
extra = keras.Input(shape=(2,), name="extra")
h = layers.Dense(8, activation="relu", name="stem")(x)
for i in range(2):
    r = layers.Dense(8, activation="relu", name=f"block{i}_a")(h)
    r = layers.Dense(8, name=f"block{i}_b")(r)
    h = layers.Activation("relu", name=f"block{i}_out")(layers.Add(name=f"block{i}_add")([h, r]))
c = layers.Concatenate(name="join")([h, extra])
cls = layers.Dense(3, activation="softmax", name="cls")(c)
reg = layers.Dense(1, name="reg")(c)
model = keras.Model(inputs=[x, extra], outputs=[cls, reg], name="resnet_like")
model.compile(optimizer="adam", loss=["categorical_crossentropy", "mse"], metrics=[["accuracy"], ["mae"]])
rng = np.random.RandomState(0)
X = rng.randn(5, 6).astype("float32")
E = rng.randn(5, 2).astype("float32")
model.save("keras_functional_resnet.keras")
p_cls, p_reg = model.predict([X, E], verbose=0)
with open("functional_resnet_io.json", "w") as f:
    json.dump({"features": X.tolist(), "extra": E.tolist(), "cls": p_cls.tolist(), "reg": p_reg.tolist(),
               "config": json.loads(json.dumps(model.get_config()))}, f, indent=1)
print("ok")
