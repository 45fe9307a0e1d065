# Drives real Keras 3.11.3 callbacks by hand with scripted logs and records what they do, for the C# event-sequence tests.
# usage: /work/shared/tools/real-keras/run.sh <keras git dir> callbacks_oracle.py > callbacks_oracle.json
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import warnings

import numpy as np

import keras

model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")


def mark(epoch):
    # Weights that say which epoch they come from.
    model.set_weights([np.full((1, 1), float(epoch), "float32"), np.full((1,), float(epoch), "float32")])


def run_epochs(cb, seqs, batch_logs=None):
    out = io.StringIO()
    warned = []
    with contextlib.redirect_stdout(out), warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        cb.set_model(model)
        model.stop_training = False
        cb.on_train_begin()
        epochs_run = 0
        lrs = []
        for epoch, logs in enumerate(seqs):
            cb.on_epoch_begin(epoch)
            if batch_logs is not None:
                for b, bl in enumerate(batch_logs):
                    cb.on_train_batch_begin(b)
                    cb.on_train_batch_end(b, dict(bl))
            mark(epoch)
            logs = dict(logs)
            cb.on_epoch_end(epoch, logs)
            lrs.append(float(np.float32(model.optimizer.learning_rate)) if hasattr(model.optimizer, "learning_rate") else None)
            epochs_run += 1
            if model.stop_training:
                break
        cb.on_train_end()
        warned = [str(x.message) for x in w]
    return {"epochs_run": epochs_run, "stdout": out.getvalue(), "warnings": warned, "lrs": lrs,
            "final_weight": float(model.get_weights()[0][0, 0])}


result = {}

# EarlyStopping
es_cases = [
    ("plain_patience2", dict(patience=2), [1.0, 0.8, 0.9, 0.85, 0.7, 0.75]),
    ("restore", dict(patience=2, restore_best_weights=True, verbose=1), [1.0, 0.8, 0.9, 0.85, 0.7, 0.75]),
    ("patience0", dict(patience=0, verbose=1), [1.0, 0.9, 0.95, 0.8]),
    ("never_stops", dict(patience=3, restore_best_weights=True, verbose=1), [5.0, 4.0, 3.0, 2.0, 1.0]),
    ("min_delta", dict(patience=1, min_delta=0.1, verbose=1), [1.0, 0.95, 0.8, 0.75, 0.74]),
    ("baseline_never_beaten", dict(patience=2, baseline=0.5, restore_best_weights=True, verbose=1), [1.0, 0.9, 0.8, 0.7, 0.6]),
    ("baseline_beaten", dict(patience=2, baseline=0.85, restore_best_weights=True, verbose=1), [1.0, 0.9, 0.8, 0.7, 0.75, 0.76, 0.77]),
    ("start_from_epoch", dict(patience=1, start_from_epoch=3, restore_best_weights=True, verbose=1), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
    ("mode_max", dict(monitor="val_accuracy", mode="max", patience=1, restore_best_weights=True, verbose=1), [0.5, 0.6, 0.55, 0.58, 0.7]),
    ("ties_do_not_improve", dict(patience=1, verbose=1), [1.0, 1.0, 1.0]),
    ("nan_values", dict(patience=1, verbose=1, restore_best_weights=True), [1.0, float("nan"), 0.5, float("nan"), float("nan")]),
]
result["early_stopping"] = []
for name, kw, seq in es_cases:
    cb = keras.callbacks.EarlyStopping(**kw)
    key = kw.get("monitor", "val_loss")
    r = run_epochs(cb, [{"loss": 1.0, key: v} for v in seq])
    r.update(name=name, kwargs=kw, sequence=seq, stopped_epoch=cb.stopped_epoch, best_epoch=cb.best_epoch, wait=cb.wait,
             best=None if cb.best is None else float(cb.best))
    result["early_stopping"].append(r)

# Missing monitor
cb = keras.callbacks.EarlyStopping(monitor="val_los", mode="min")
r = run_epochs(cb, [{"loss": 1.0, "val_loss": 0.5}, {"loss": 0.9, "val_loss": 0.4}])
r.update(name="missing_monitor")
result["early_stopping_missing"] = r
try:
    run_epochs(keras.callbacks.EarlyStopping(monitor="val_los"), [{"loss": 1.0, "val_loss": 0.5}])
    result["early_stopping_auto_unknown"] = None
except ValueError as e:
    result["early_stopping_auto_unknown"] = str(e)

# Reuse keeps `best` from the previous run (MonitorCallback sets it in __init__ only).
cb = keras.callbacks.EarlyStopping(patience=1)
run_epochs(cb, [{"val_loss": 0.1}])
r = run_epochs(cb, [{"val_loss": 0.5}, {"val_loss": 0.4}, {"val_loss": 0.3}])
r.update(stopped_epoch=cb.stopped_epoch)
result["early_stopping_reused"] = r

# ModelCheckpoint: files written
mc_cases = [
    ("every_epoch", dict(filepath="m.{epoch:02d}.keras", verbose=1), [0.9, 0.7, 0.8]),
    ("best_only_val_loss_name", dict(filepath="w.{epoch:02d}-{val_loss:.2f}.weights.h5", save_best_only=True, save_weights_only=True, verbose=1), [0.912, 0.7, 0.8, 0.65]),
    ("best_only_fixed_name", dict(filepath="best.keras", save_best_only=True, verbose=1), [0.9, 0.7, 0.8]),
    ("threshold", dict(filepath="t{epoch}.keras", save_best_only=True, initial_value_threshold=0.75, verbose=1), [0.9, 0.7, 0.8, 0.6]),
    ("mode_max", dict(filepath="a{epoch:03d}_{val_loss:.3f}.keras", monitor="val_accuracy", mode="max", save_best_only=True, verbose=1), [0.5, 0.4, 0.6]),
    ("missing_monitor", dict(filepath="x{epoch}.keras", monitor="val_acc", mode="min", save_best_only=True, verbose=1), [0.5, 0.4]),
    ("subdir", dict(filepath="sub/dir/e{epoch}.weights.h5", save_weights_only=True), [0.5, 0.4]),
]
result["model_checkpoint"] = []
for name, kw, seq in mc_cases:
    d = tempfile.mkdtemp()
    kw2 = dict(kw)
    kw2["filepath"] = os.path.join(d, kw["filepath"])
    cb = keras.callbacks.ModelCheckpoint(**kw2)
    key = kw.get("monitor", "val_loss")
    logs = [{"loss": 1.0, "val_loss": v, "val_accuracy": v} if key != "val_acc" else {"loss": 1.0, "val_loss": v} for v in seq]
    r = run_epochs(cb, logs)
    files = []
    for root, _, fs in os.walk(d):
        for f in fs:
            files.append(os.path.relpath(os.path.join(root, f), d))
    r.update(name=name, kwargs=kw, sequence=seq, files=sorted(files), stdout=r["stdout"].replace(d + "/", "<dir>/"))
    shutil.rmtree(d)
    result["model_checkpoint"].append(r)

# save_freq as a batch count: file names with {batch}
d = tempfile.mkdtemp()
cb = keras.callbacks.ModelCheckpoint(os.path.join(d, "b{epoch}-{batch}.weights.h5"), save_weights_only=True, save_freq=3)
run_epochs(cb, [{"loss": 1.0}, {"loss": 0.9}], batch_logs=[{"loss": 1.0}] * 5)
result["model_checkpoint_batches"] = sorted(os.listdir(d))
shutil.rmtree(d)

# Bad extensions
bad = {}
for fp, kw in [("m.h5x", {}), ("m.weights.h5", {}), ("m.keras", {"save_weights_only": True}), ("m.h5", {"save_weights_only": True}), ("m", {})]:
    try:
        keras.callbacks.ModelCheckpoint(fp, **kw)
        bad[fp + str(kw)] = None
    except ValueError as e:
        bad[fp + str(kw)] = str(e)
result["model_checkpoint_bad"] = bad

# Filepath formatting (Python format specs)
fmt = {}
logs = {"loss": 0.123456, "val_loss": 0.98765, "accuracy": 0.5, "big": 12345.678, "tiny": 0.00001234}
for f in ["{epoch:02d}", "{epoch}", "{epoch:03d}-{val_loss:.2f}", "{val_loss:.4f}", "{loss}", "{val_loss:.1e}", "{big:,.1f}",
          "{loss:8.3f}", "{loss:<8.2f}|", "{loss:>9.3f}", "{accuracy:.0%}", "{accuracy:.1%}", "{tiny:g}", "{big:g}", "{loss:.3g}",
          "{epoch:>4}", "{epoch:04}", "{val_loss:e}", "{big:.2E}", "{epoch:+d}", "{loss:+.2f}", "{{epoch}}", "{epoch:x}", "{tiny}", "{big}"]:
    fmt[f] = f.format(epoch=7, **logs)
result["format"] = fmt

# ReduceLROnPlateau
rl_cases = [
    ("basic", dict(patience=2, factor=0.5, verbose=1), [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.94]),
    ("cooldown_minlr", dict(patience=1, factor=0.1, cooldown=2, min_lr=0.0005, verbose=1), [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
    ("min_delta", dict(patience=1, factor=0.2, min_delta=0.1, verbose=1), [1.0, 0.95, 0.85, 0.84]),
]
result["reduce_lr"] = []
for name, kw, seq in rl_cases:
    model.optimizer.learning_rate = 0.1
    cb = keras.callbacks.ReduceLROnPlateau(**kw)
    logs_seq = [{"loss": 1.0, "val_loss": v} for v in seq]
    r = run_epochs(cb, logs_seq)
    r.update(name=name, kwargs=kw, sequence=seq)
    result["reduce_lr"].append(r)
model.optimizer.learning_rate = 0.1
cb = keras.callbacks.ReduceLROnPlateau(monitor="val_acc", mode="max")
r = run_epochs(cb, [{"loss": 1.0, "val_loss": 0.3}])
result["reduce_lr_missing"] = r

# LearningRateScheduler
model.optimizer.learning_rate = 0.1
cb = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch > 0 else lr, verbose=1)
logs_seen = []


class Rec(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        logs_seen.append(dict(logs))


out = io.StringIO()
with contextlib.redirect_stdout(out):
    cb.set_model(model)
    rec = Rec()
    for e in range(3):
        cb.on_epoch_begin(e)
        logs = {"loss": 1.0}
        cb.on_epoch_end(e, logs)
        rec.on_epoch_end(e, logs)
result["lr_scheduler"] = {"stdout": out.getvalue(), "logs": logs_seen}

# CSVLogger
d = tempfile.mkdtemp()
p = os.path.join(d, "log.csv")
cb = keras.callbacks.CSVLogger(p)
run_epochs(cb, [{"loss": 0.5, "accuracy": 0.25}, {"loss": 0.123456789, "accuracy": 1.0 / 3}])
first = open(p, newline="").read()
cb = keras.callbacks.CSVLogger(p, separator=";", append=True)
run_epochs(cb, [{"loss": 0.1, "accuracy": 0.9, "val_loss": 0.2, "val_accuracy": 0.8}])
appended = open(p, newline="").read()
p2 = os.path.join(d, "val.csv")
cb = keras.callbacks.CSVLogger(p2)
run_epochs(cb, [{"loss": 0.5, "val_loss": 0.75}, {"loss": 2.0, "val_loss": float("nan")}])
with_val = open(p2, newline="").read()
result["csv_logger"] = {"no_val": first, "appended": appended, "with_val": with_val}
shutil.rmtree(d)

# TerminateOnNaN
out = io.StringIO()
with contextlib.redirect_stdout(out):
    cb = keras.callbacks.TerminateOnNaN()
    cb.set_model(model)
    model.stop_training = False
    cb.on_train_batch_end(0, {"loss": 1.0})
    s0 = model.stop_training
    cb.on_train_batch_end(1, {"loss": float("inf")})
result["terminate_on_nan"] = {"stdout": out.getvalue(), "stopped_before": s0, "stopped": model.stop_training}

def clean(v):
    # JSON has no NaN: write it as the string "NaN" (the C# tests read it back).
    if isinstance(v, float) and v != v:
        return "NaN"
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


json.dump(clean(result), sys.stdout, indent=1, sort_keys=True)
