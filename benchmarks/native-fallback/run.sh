#!/usr/bin/env bash
# Times KerasSharp's runtime native fix (src/KerasSharp/Backend/NativeFallback.cs) in a program of one's own that
# references KerasSharp by ProjectReference (so the build-time fix does not apply), built in a temp folder outside
# this repository. Three cases, N interleaved rounds (default 15), medians:
#   cold: a fresh, empty cache each run (the fallback patches and links a new folder)
#   warm: the cache made by an earlier run
#   none: the program's own libLibTorchSharp.so already fixed (what a package consumer's build gives), so the fallback
#         only reads it and returns
# The program times keras.init() (which runs the fallback) and then TorchSharp's initialisation (torch.ones(1)),
# in-process with a Stopwatch; the fallback preloads libtorch, which TorchSharp would load anyway, so the added
# startup is (init + torch) of a case minus (init + torch) of "none".
# Usage: benchmarks/native-fallback/run.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-15}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OMP_WAIT_POLICY=PASSIVE
work="$(mktemp -d "${TMPDIR:-/tmp}/kerassharp-fallback-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
dotnet new console -n App -o . > /dev/null
dotnet add reference "$root/src/KerasSharp/KerasSharp.csproj" > /dev/null
dotnet add package TorchSharp-cpu --version 0.107.0 > /dev/null
cat > Program.cs <<'CS'
using System.Diagnostics;
using System.Runtime.CompilerServices;

var sw = Stopwatch.StartNew();
Init();
double init = sw.Elapsed.TotalMilliseconds;
sw.Restart();
Torch();
double torchInit = sw.Elapsed.TotalMilliseconds;
Console.WriteLine($"{init:F2} {torchInit:F2}");

// Not inlined, so that KerasSharp's module (and its initializer) loads inside the timed call.
[MethodImpl(MethodImplOptions.NoInlining)]
static void Init() => KerasSharp.keras.init();

[MethodImpl(MethodImplOptions.NoInlining)]
static void Torch() => TorchSharp.torch.ones(1).Dispose();
CS
dotnet build -c Release -v quiet --nologo > build.log 2>&1 || { tail -20 build.log; exit 1; }
app="$work/bin/Release/net10.0/App.dll"
native="$work/bin/Release/net10.0/runtimes/linux-x64/native"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
run_case() { # case: one run, appended to its files
  local name="$1" dll="$app" cache="$work/cache"
  [[ "$name" == cold ]] && rm -rf "$work/cache"
  [[ "$name" == none ]] && dll="$work/none/App.dll" && cache="$work/cache-none"
  XDG_CACHE_HOME="$cache" KERASSHARP_NATIVE_FALLBACK_TRACE=1 dotnet "$dll" >> "$work/$name.txt" 2>> "$work/$name.trace"
}
report() {
  local name="$1"
  if [[ -s "$work/$name.trace" ]]; then
    printf '%-5s the fallback alone (medians): checks %.1f ms + cache folder %.1f ms (process CPU for both %.1f ms), loading libtorch and the fixed copy %.1f ms\n' "$name" \
      "$(sed -n 's/.*checks \([0-9.]*\) ms.*/\1/p' "$work/$name.trace" | median)" \
      "$(sed -n 's/.*cache \([0-9.]*\) ms.*/\1/p' "$work/$name.trace" | median)" \
      "$(sed -n 's/.*CPU for both \([0-9.]*\) ms.*/\1/p' "$work/$name.trace" | median)" \
      "$(sed -n 's/.*loading \([0-9.]*\) ms.*/\1/p' "$work/$name.trace" | median)"
  fi
  printf '%-5s keras.init() %7.1f ms   TorchSharp init %7.1f ms   total %7.1f ms\n' "$name" \
    "$(cut -d' ' -f1 "$work/$name.txt" | median)" "$(cut -d' ' -f2 "$work/$name.txt" | median)" \
    "$(awk '{ print $1 + $2 }' "$work/$name.txt" | median)"
}

echo "runs: $runs rounds of cold, warm, none (interleaved); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
XDG_CACHE_HOME="$work/cache" dotnet "$app" > /dev/null # the file system cache holds the native libraries from here on
# "none": a copy of the program whose libLibTorchSharp.so is already the fixed one.
cp -r "$(dirname "$app")" "$work/none"
cp "$work"/cache/kerassharp/native/torchsharp-*/libLibTorchSharp.so "$work/none/runtimes/linux-x64/native/libLibTorchSharp.so.fixed"
mv "$work/none/runtimes/linux-x64/native/libLibTorchSharp.so.fixed" "$work/none/runtimes/linux-x64/native/libLibTorchSharp.so"
for name in cold warm none; do : > "$work/$name.txt"; : > "$work/$name.trace"; done
for ((i = 0; i < runs; i++)); do
  for name in cold warm none; do run_case "$name"; done
done
for name in cold warm none; do report "$name"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
