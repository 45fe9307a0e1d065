"""Crafts the hostile HDF5 weights files of HostileFileTests (issue 13, items 8-10), each for the model
Sequential([InputLayer((4,)), Dense(3)]) that the tests build: layers/dense/vars/0 kernel (4, 3), 1 bias (3,).
PureHDF cannot write external storage, virtual datasets or links, so Debian's python3-h5py does:

    /usr/bin/python3 make_hostile_files.py        (writes the *.weights.h5 files next to this script)

The files are committed; the tests never need h5py.
"""
import os

import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


def skeleton(f, kernel=True, bias=True):
    """Keras's layout: /vars (model, empty), /layers/dense/vars with kernel "0" and bias "1"."""
    f.create_group("vars").attrs["name"] = "sequential"
    g = f.create_group("layers/dense/vars")
    g.attrs["name"] = "dense"
    if kernel:
        g["0"] = np.full((4, 3), 0.5, dtype=np.float32)
    if bias:
        g["1"] = np.zeros((3,), dtype=np.float32)
    return g


# 8. External raw storage: the kernel's bytes are read from another file on the machine.
with h5py.File(path("external_storage.weights.h5"), "w") as f:
    g = skeleton(f, kernel=False)
    g.create_dataset("0", shape=(4, 3), dtype=np.float32, external=[("/etc/passwd", 0, 48)])

# 8. The same, pointed at a relative name the test turns into a FIFO (reading it would block forever).
with h5py.File(path("external_fifo.weights.h5"), "w") as f:
    g = skeleton(f, kernel=False)
    g.create_dataset("0", shape=(4, 3), dtype=np.float32, external=[("kerassharp-hostile-fifo", 0, 48)])

# 8. A virtual dataset whose source is another file.
with h5py.File(path("virtual_source.h5"), "w") as f:
    f["data"] = np.arange(12, dtype=np.float32).reshape(4, 3)
layout = h5py.VirtualLayout(shape=(4, 3), dtype=np.float32)
layout[:] = h5py.VirtualSource("virtual_source.h5", "data", shape=(4, 3))
with h5py.File(path("virtual_dataset.weights.h5"), "w", libver="latest") as f:
    g = skeleton(f, kernel=False)
    g.create_virtual_dataset("0", layout)
os.remove(path("virtual_source.h5"))

# 8. An external link in place of the layer's vars group, and in place of the kernel.
with h5py.File(path("external_link_group.weights.h5"), "w", libver="latest") as f:
    f.create_group("vars").attrs["name"] = "sequential"
    f.create_group("layers/dense")
    f["layers/dense/vars"] = h5py.ExternalLink("/etc/passwd", "/layers/dense/vars")
with h5py.File(path("external_link_dataset.weights.h5"), "w", libver="latest") as f:
    g = skeleton(f, kernel=False)
    g["0"] = h5py.ExternalLink("kerassharp-hostile-fifo", "/kernel")

# 8. The same in an old-style group (h5py's default, a symbol table): HDF5 turns the group into a new-style one.
with h5py.File(path("external_link_old_style.weights.h5"), "w") as f:
    g = skeleton(f, kernel=False)
    g["0"] = h5py.ExternalLink("kerassharp-hostile-fifo", "/kernel")

# 9. Cycles: a soft link and a hard link from /layers/loop back to /layers, and two soft links naming each other.
with h5py.File(path("soft_link_cycle.weights.h5"), "w") as f:
    skeleton(f)
    f["layers/loop"] = h5py.SoftLink("/layers")
with h5py.File(path("hard_link_cycle.weights.h5"), "w") as f:
    skeleton(f)
    f["layers/loop"] = f["layers"]
with h5py.File(path("soft_link_ping_pong.weights.h5"), "w") as f:
    f.create_group("vars").attrs["name"] = "sequential"
    f.create_group("layers")
    f["layers/dense"] = h5py.SoftLink("/layers/other")
    f["layers/other"] = h5py.SoftLink("/layers/dense")

# 10. A kernel declared (20000, 20000), chunked and never written: a few KB on disk, 1.6 GB if read.
with h5py.File(path("huge_declared_shape.weights.h5"), "w") as f:
    g = skeleton(f, kernel=False)
    g.create_dataset("0", shape=(20000, 20000), dtype=np.float32, chunks=(1000, 1000))
    # An unused group the model does not need, also huge.
    f.create_dataset("unused/big", shape=(20000, 20000), dtype=np.float32, chunks=(1000, 1000))

# A well-formed file of the same model with a huge unused dataset beside it: loads, reading only what it needs.
with h5py.File(path("unused_huge_group.weights.h5"), "w") as f:
    skeleton(f)
    f.create_dataset("layers/dense/extra/big", shape=(20000, 20000), dtype=np.float32, chunks=(1000, 1000))

for name in sorted(os.listdir(here)):
    if name.endswith(".h5"):
        print(f"{name}: {os.path.getsize(path(name))} bytes")
