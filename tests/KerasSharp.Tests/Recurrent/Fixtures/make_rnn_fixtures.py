"""Makes rnn_outputs.json and the summaries/archive fixtures with real Keras 3.11.3 (torch backend).

Run: /work/shared/tools/real-keras/run.sh <keras git dir> make_rnn_fixtures.py <output folder>
Weights and inputs are fixed patterns written into the JSON beside the outputs, so the C# tests feed the same numbers.
"""
import io, json, os, sys, contextlib
import numpy as np
import keras
from keras import layers

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
B, T, D, U = 2, 5, 3, 4


def pattern(shape, salt, scale=0.5):
    n = int(np.prod(shape))
    k = np.arange(n)
    return (((k * 7 + salt) % 17 - 8) / 8.0 * scale).astype("float32").reshape(shape)


x = pattern((B, T, D), 3, 1.0)
# Sample 1 has its steps 1 and 4 at zero, so Masking(0) masks a middle and a last step (not right-padding only).
x_masked = x.copy()
x_masked[1, 1, :] = 0.0
x_masked[1, 4, :] = 0.0

cases = []


def make(kind, **kw):
    if kind == "SimpleRNN":
        return layers.SimpleRNN(U, **kw)
    if kind == "LSTM":
        return layers.LSTM(U, **kw)
    if kind == "GRU":
        return layers.GRU(U, **kw)
    raise ValueError(kind)


def set_pattern_weights(layer, salt):
    ws = [pattern(w.shape, salt + i) for i, w in enumerate(layer.get_weights())]
    layer.set_weights(ws)
    return ws


NOT_BIDI = "not bidirectional"


def run_case(name, kind, mask, go_backwards, layer_kw, bidi=NOT_BIDI):
    inp = keras.Input((T, D))
    h = layers.Masking(0.0)(inp) if mask else inp
    rnn = make(kind, return_sequences=True, return_state=True, go_backwards=go_backwards, **layer_kw)
    if bidi != NOT_BIDI:
        rnn = make(kind, return_sequences=True, go_backwards=go_backwards, **layer_kw)
        wrapper = layers.Bidirectional(rnn, merge_mode=bidi)
        outs = wrapper(h)
        model = keras.Model(inp, outs)
        ws = set_pattern_weights(wrapper, 11)
    else:
        outs = rnn(h)
        model = keras.Model(inp, outs)
        ws = set_pattern_weights(rnn, 11)
    data = x_masked if mask else x
    res = model.predict(data, verbose=0)
    if not isinstance(res, (list, tuple)):
        res = [res]
    cases.append({
        "name": name, "kind": kind, "mask": mask, "go_backwards": go_backwards, "options": layer_kw,
        "merge_mode": None if bidi == NOT_BIDI else bidi, "bidirectional": bidi != NOT_BIDI,
        "x": data.tolist(), "weights": [w.tolist() for w in ws],
        "weight_shapes": [list(w.shape) for w in ws],
        "outputs": [np.asarray(r).tolist() for r in res],
    })


for kind, extra in [("SimpleRNN", {}), ("LSTM", {}), ("GRU", {}), ("GRU", {"reset_after": False})]:
    tag = kind + ("_reset_after_false" if extra else "")
    run_case(tag, kind, False, False, extra)
    run_case(tag + "_backwards", kind, False, True, extra)
    run_case(tag + "_masked", kind, True, False, extra)
    run_case(tag + "_masked_backwards", kind, True, True, extra)
run_case("LSTM_relu_hard_sigmoid", "LSTM", False, False, {"activation": "relu", "recurrent_activation": "hard_sigmoid"})
run_case("LSTM_no_bias", "LSTM", False, False, {"use_bias": False})
run_case("GRU_no_bias", "GRU", False, False, {"use_bias": False})
run_case("SimpleRNN_relu", "SimpleRNN", False, False, {"activation": "relu"})
for mode in ["concat", "sum", "mul", "ave", None]:
    run_case(f"Bidirectional_LSTM_{mode}", "LSTM", False, False, {}, bidi=mode)
run_case("Bidirectional_GRU_concat_masked", "GRU", True, False, {}, bidi="concat")

# Embedding(mask_zero) + LSTM: ids with trailing and leading zeros.
ids = np.array([[3, 1, 4, 0, 0], [0, 2, 7, 1, 8]], dtype="int32")
emb_model = keras.Sequential([keras.Input((T,), dtype="int32"), layers.Embedding(10, D, mask_zero=True), layers.LSTM(U)])
ew = [pattern(w.shape, 21 + i) for i, w in enumerate(emb_model.get_weights())]
emb_model.set_weights(ew)
cases.append({"name": "Embedding_mask_zero_LSTM", "kind": "EmbeddingLSTM", "ids": ids.tolist(),
              "weights": [w.tolist() for w in ew], "weight_shapes": [list(w.shape) for w in ew],
              "outputs": [emb_model.predict(ids, verbose=0).tolist()]})

with open(os.path.join(out_dir, "rnn_outputs.json"), "w") as f:
    json.dump({"B": B, "T": T, "D": D, "U": U, "cases": cases}, f)

# Summaries as printed to redirected output (80 columns, so the table is 76 wide).
def summary_text(model):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary()
    return buf.getvalue()

keras.utils.clear_session()
s1 = keras.Sequential([keras.Input((10,), dtype="int32"), layers.Embedding(1000, 8, mask_zero=True),
                       layers.LSTM(16, return_sequences=True), layers.GRU(8), layers.Dense(1, activation="sigmoid")])
keras.utils.clear_session()
s2 = keras.Sequential([keras.Input((10, 8)), layers.SimpleRNN(5, return_sequences=True),
                       layers.Bidirectional(layers.LSTM(6)), layers.Dense(2)])
keras.utils.clear_session()
s3 = keras.Sequential([keras.Input((10, 8)), layers.GRU(4, reset_after=False, return_sequences=True),
                       layers.TimeDistributed(layers.Dense(3)), layers.Masking(), layers.LSTM(4, return_state=False)])
summaries = {"embedding_lstm_gru": summary_text(s1), "simplernn_bidirectional": summary_text(s2),
             "gru_timedistributed": summary_text(s3)}
keras.utils.clear_session()
s4 = keras.Sequential([keras.Input((10, 8)), layers.LSTM(3, return_state=True)])
summaries["lstm_return_state"] = summary_text(s4)
with open(os.path.join(out_dir, "rnn_summaries.json"), "w") as f:
    json.dump(summaries, f, indent=1)

# A Keras-made .keras archive: Embedding + LSTM classifier with fixed weights, and its predictions.
keras.utils.clear_session()
clf = keras.Sequential([keras.Input((T,), dtype="int32"), layers.Embedding(10, D, mask_zero=True), layers.LSTM(U),
                        layers.Dense(1, activation="sigmoid")])
clf.set_weights([pattern(w.shape, 31 + i) for i, w in enumerate(clf.get_weights())])
clf.compile(loss="binary_crossentropy", optimizer="adam")
clf.save(os.path.join(out_dir, "keras_embedding_lstm.keras"))
with open(os.path.join(out_dir, "keras_embedding_lstm_predictions.json"), "w") as f:
    json.dump({"ids": ids.tolist(), "predictions": clf.predict(ids, verbose=0).tolist(),
               "config": json.loads(json.dumps(clf.get_config()))}, f, indent=1)
print("ok")
