# The chapter's cells in Python (Keras 3), as examples/Regularization ports them; run by the real-Keras oracle to
# give Keras's numbers for the README: run.sh <keras repo> regularization.py <path to data/iris.csv>
import sys
import numpy as np
import pandas as pd
from keras.layers import Dense, Dropout, InputLayer
from keras.models import Sequential
from keras.regularizers import L2
from keras.callbacks import EarlyStopping
from keras.utils import to_categorical, set_random_seed

np.random.seed(0)
iris = pd.read_csv(sys.argv[1], index_col=0)
iris = iris.sample(frac=1)
y = to_categorical(iris["target"])
X = iris.drop(columns=["target"])
X -= X.mean(axis=0)
X /= X.std(axis=0)

def model(regularizer=None, dropout=None):
    layers = [InputLayer(input_shape=(4, ))]
    if dropout: layers.append(Dropout(rate=dropout))
    for _ in range(3):
        layers.append(Dense(units=256, activation="relu", kernel_regularizer=regularizer))
        if dropout: layers.append(Dropout(rate=dropout))
    layers.append(Dense(units=3, activation="softmax"))
    return Sequential(layers)

for name, make, callbacks in [
        ("plain", lambda: model(), []),
        ("early stopping", lambda: model(), [EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)]),
        ("L2(0.01)", lambda: model(regularizer=L2(0.01)), []),
        ("dropout 0.2", lambda: model(dropout=0.2), [])]:
    set_random_seed(0)
    m = make()
    m.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    h = m.fit(X, y, validation_split=0.3, epochs=100, batch_size=30, verbose=0, callbacks=callbacks)
    v = h.history["val_loss"]
    print(f"{name}: best epoch {np.argmin(v) + 1} of {len(v)} (val loss {min(v):.4f}), final val loss {v[-1]:.4f}, "
          f"mean loss over the first 5 epochs {np.mean(h.history['loss'][:5]):.4f}", flush=True)
