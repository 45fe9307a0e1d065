#!/usr/bin/env bash
# The README's "Your own program" section, tested as a new user would follow it, outside this repository (a fresh temp
# folder, so none of the repository's Directory.Build.* files apply), with nothing installed by hand:
#   (a) a console app made with `dotnet new console` + `dotnet add package KerasSharp` from a local feed
#   (b) a console app with a ProjectReference to src/KerasSharp (the runtime native fix: cold, warm, unwritable cache)
#   (c) .NET 10 file-based apps, `dotnet run train.cs`, with #:project and with #:package
#   (d) every notebook in notebooks/, executed headless by dotnet-repl and checked by notebooks/check.cs
# KerasSharp is packed once, by notebooks/prepare, and that feed serves (a), (c) and (d).
# Usage: .ci/ways-in.sh [<the optimization example's printed output, for (d)>]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OMP_WAIT_POLICY=PASSIVE
example_output="${1:-}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kerassharp-ways-in.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version=0.1.0-local
feed="$root/notebooks/feed"
seconds() { echo "$SECONDS"; }
took() { echo "ways-in: $1: $((SECONDS - $2)) s"; }
fail() { echo "ways-in: FAILED: $*" >&2; exit 1; }
# Each program below trains and prints "trained: accuracy=<a>" (a in [0, 1]); it passes when a >= 0.9.
check_trained() {
  local name="$1" out="$2"
  grep -q "Total params: 52 " "$out" || fail "$name: no model summary in its output: $(cat "$out")"
  local acc; acc="$(sed -n 's/^trained: accuracy=\([0-9.]*\).*/\1/p' "$out")"
  [[ -n "$acc" ]] || fail "$name: did not train: $(cat "$out")"
  awk -v a="$acc" 'BEGIN { exit !(a >= 0.9) }' || fail "$name: accuracy $acc < 0.9"
  echo "ways-in: $name: trained, accuracy $acc"
}

# The program every way in builds: the README's shape of a first program. Its first statement is keras.init(), the
# documented first line of a program whose next statement is a TorchSharp call (KerasSharp's first use does it too).
write_program() {
  cat >> "$1" <<'CS'
using KerasSharp;
using KerasSharp.Plotting;
using TorchSharp;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.utils;

keras.init();
torch.manual_seed(0);
var x = torch.rand(400, 2) * 2 - 1;                          // points in [-1, 1)²
var y = (x[.., 0] + x[.., 1] > 0).to(torch.int64);           // label: above the diagonal
set_random_seed(0);
var model = Sequential([InputLayer(input_shape: [2]), Dense(units: 10, activation: "relu"), Dense(units: 2, activation: "softmax")]);
model.summary();
model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
var h = model.fit(x, y, epochs: 40, batch_size: 32, verbose: 0);
h.plot("curves.png");
Console.WriteLine($"trained: accuracy={h.history["accuracy"][^1]:F3}");
CS
}

# A NuGet.config beside the app naming the local feed (the machine's own sources stay, nothing is cleared).
write_nuget_config() {
  cat > "$1/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="kerassharp-local" value="$feed" />
  </packageSources>
</configuration>
XML
}

t=$(seconds)
"$root/notebooks/prepare"
took "pack KerasSharp, KerasSharp.Plotting and build the examples (notebooks/prepare)" "$t"

# (a) from the packages
t=$(seconds)
mkdir "$work/a" && cd "$work/a"
dotnet new console -n App -o . > /dev/null
write_nuget_config .
dotnet add package KerasSharp --version "$version" > /dev/null
dotnet add package KerasSharp.Plotting --version "$version" > /dev/null
dotnet add package TorchSharp-cpu --version 0.107.0 > /dev/null
rm Program.cs && write_program Program.cs
dotnet build -v quiet --nologo > build.log 2>&1 || fail "(a) build: $(tail -20 build.log)"
XDG_CACHE_HOME="$work/cache-a" dotnet run --no-build > run.log 2>&1 || fail "(a) run: $(cat run.log)"
check_trained "(a) dotnet add package" run.log
# A package consumer's build fixes the output's copy, so the runtime fix has nothing to do.
[[ ! -d "$work/cache-a/kerassharp" ]] || fail "(a) the build-time fix did not apply: the runtime fallback made $work/cache-a/kerassharp"
took "(a) dotnet new console + dotnet add package" "$t"

# (b) with a ProjectReference: the build-time fix does not reach this program, the runtime fallback does.
t=$(seconds)
mkdir "$work/b" && cd "$work/b"
dotnet new console -n App -o . > /dev/null
dotnet add reference "$root/src/KerasSharp/KerasSharp.csproj" "$root/src/KerasSharp.Plotting/KerasSharp.Plotting.csproj" > /dev/null
dotnet add package TorchSharp-cpu --version 0.107.0 > /dev/null
rm Program.cs && write_program Program.cs
dotnet build -v quiet --nologo > build.log 2>&1 || fail "(b) build: $(tail -20 build.log)"
XDG_CACHE_HOME="$work/cache-b" dotnet run --no-build > run.log 2>&1 || fail "(b) run: $(cat run.log)"
check_trained "(b) ProjectReference" run.log
if ! grep -qa "GLIBCXX_3.4.32" /lib/x86_64-linux-gnu/libstdc++.so.6 2>/dev/null; then # a C++ runtime older than GCC 13's
  ls "$work"/cache-b/kerassharp/native/torchsharp-*/libLibTorchSharp.so > /dev/null || fail "(b) no fixed copy in the cache"
  # An unwritable cache: a clear error naming what to set (here XDG_CACHE_HOME is a file).
  touch "$work/not-a-folder"
  if XDG_CACHE_HOME="$work/not-a-folder" dotnet run --no-build > unwritable.log 2>&1; then fail "(b) ran with an unwritable cache"; fi
  grep -q "Set XDG_CACHE_HOME to a writable folder" unwritable.log || fail "(b) unclear error for an unwritable cache: $(cat unwritable.log)"
  echo "ways-in: (b) unwritable cache: refused with a clear error"
fi
took "(b) ProjectReference" "$t"

# (c) file-based apps: dotnet run train.cs
t=$(seconds)
mkdir -p "$work/c/project" "$work/c/package"
{ echo "#:project $root/src/KerasSharp.Plotting/KerasSharp.Plotting.csproj"; echo "#:package TorchSharp-cpu@0.107.0"; write_program /dev/stdout; } > "$work/c/project/train.cs"
(cd "$work/c/project" && XDG_CACHE_HOME="$work/cache-c" dotnet run train.cs > run.log 2>&1) || fail "(c) #:project: $(cat "$work/c/project/run.log")"
check_trained "(c) dotnet run train.cs with #:project" "$work/c/project/run.log"
{ echo "#:package KerasSharp.Plotting@$version"; echo "#:package TorchSharp-cpu@0.107.0"; write_program /dev/stdout; } > "$work/c/package/train.cs"
write_nuget_config "$work/c/package"
(cd "$work/c/package" && XDG_CACHE_HOME="$work/cache-c" dotnet run train.cs > run.log 2>&1) || fail "(c) #:package: $(cat "$work/c/package/run.log")"
check_trained "(c) dotnet run train.cs with #:package" "$work/c/package/run.log"
took "(c) file-based apps" "$t"

# (d) the notebooks
t=$(seconds)
cd "$root/notebooks"
for nb in *.ipynb; do
  name="${nb%.ipynb}"
  [[ -f "$name.expect" ]] || fail "(d) $nb has no $name.expect"
  XDG_CACHE_HOME="$work/cache-d" dotnet dotnet-repl --run "$nb" --exit-after-run --output-path "$work/$name.out.ipynb" --output-format ipynb \
    > "$work/$name.repl.log" 2>&1 || fail "(d) $nb: dotnet-repl failed: $(tail -20 "$work/$name.repl.log")"
  dotnet run check.cs -- "$work/$name.out.ipynb" "$name.expect" $example_output || fail "(d) $nb: outputs"
done
rm -f gd_vs_sgd.html
took "(d) notebooks" "$t"
echo "ways-in: all four ways in work"
