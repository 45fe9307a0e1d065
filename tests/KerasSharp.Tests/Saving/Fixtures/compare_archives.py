"""Compares two .keras archives (or two .weights.h5 files) the way Keras would see them: zip entries, their order and
compression; metadata.json keys and date format; config.json (the shared_object_id number and date aside); and the
HDF5 tree: every group, dataset, dtype, shape and attribute (with its value and HDF5 type); dataset values too with
--values.

    /usr/bin/python3 compare_archives.py [--values] keras_10_20_3_adam.keras /tmp/written_by_kerassharp.keras
"""
import io
import json
import re
import sys
import zipfile

import h5py


def h5_tree(data):
    f = h5py.File(io.BytesIO(data), "r")
    tree = {"/": ("group", sorted((k, str(v.dtype)) for k, v in f.attrs.items()))}

    def visit(name, obj):
        attrs = sorted((k, obj.attrs[k], str(obj.attrs.get_id(k).dtype), h5py.check_string_dtype(obj.attrs.get_id(k).dtype))
                       for k in obj.attrs.keys())
        if isinstance(obj, h5py.Dataset):
            tree[name] = ("dataset", obj.dtype.str, obj.shape, attrs, obj.id.get_create_plist().get_layout(), obj.chunks, obj.compression)
            if VALUES:
                tree[name] += (obj[()].tobytes(),)
        else:
            tree[name] = ("group", attrs)
    f.visititems(visit)
    return tree


def config_text(data):
    return re.sub(r'"shared_object_id": \d+', '"shared_object_id": ID', data.decode())


def compare(a, b):
    ok = True
    if a.endswith(".h5"):
        ta, tb = h5_tree(open(a, "rb").read()), h5_tree(open(b, "rb").read())
    else:
        za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
        ea = [(i.filename, i.compress_type) for i in za.infolist()]
        eb = [(i.filename, i.compress_type) for i in zb.infolist()]
        print("entries", ea, "==" if ea == eb else "!=", eb)
        ok &= ea == eb
        for z, name in ((za, a), (zb, b)):
            meta = json.loads(z.read("metadata.json"))
            good = list(meta) == ["keras_version", "date_saved"] and re.fullmatch(r"\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d", meta["date_saved"])
            print("metadata", name, meta, "ok" if good else "BAD")
            ok &= bool(good)
        ca, cb = config_text(za.read("config.json")), config_text(zb.read("config.json"))
        print("config.json", "identical text" if ca == cb else "DIFFERENT")
        if ca != cb:
            print(" ", ca)
            print(" ", cb)
        ok &= ca == cb
        ta, tb = h5_tree(za.read("model.weights.h5")), h5_tree(zb.read("model.weights.h5"))
    for key in sorted(set(ta) | set(tb)):
        same = ta.get(key) == tb.get(key)
        ok &= same
        print(("   " if same else "!! ") + key, ta.get(key), "" if same else tb.get(key))
    print("SAME LAYOUT" if ok else "LAYOUTS DIFFER")
    return ok


VALUES = "--values" in sys.argv

if __name__ == "__main__":
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(0 if compare(files[0], files[1]) else 1)
