#!/bin/bash
# Assembles a "GraalVM home" for native-image 25.0.4 from Maven Central jars + Temurin 25 + gcc.
# usage: NE=/some/dir [M2=/maven/repo] bash setup.sh      (sources are taken from the folder of this script)
set -euo pipefail
SRC=$(cd "$(dirname "$0")" && pwd)
NE=${NE:-$HOME/.cache/switchboard-native-image}; M2=${M2:-$HOME/.m2/repository}; V=25.0.4
T25=${T25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME=$T25
mkdir -p "$NE"
[ -e "$NE/m2" ] || ln -s "$M2" "$NE/m2"   # builder.sh finds the jars here

# 0. toolchain for the link step (gcc, zlib headers/static lib)
command -v gcc >/dev/null || apt-get install -y gcc
[ -e /usr/include/zlib.h ] || apt-get install -y zlib1g-dev

# 1. builder jars from Maven Central (svm pulls compiler, pointsto, objectfile, native-image-base, sdk, ...)
${MVN:-mvn} -B -q dependency:get -Dmaven.repo.local="$M2" -Dartifact=org.graalvm.nativeimage:svm:$V
SVMJAR=$M2/org/graalvm/nativeimage/svm/$V/svm-$V.jar

# 2. private copy of Temurin 25: it becomes java.home of the builder
[ -d "$NE/jdk" ] || cp -a "$T25" "$NE/jdk"
J=$NE/jdk

# 3. builder launcher + --add-exports/--add-opens argfile + driver stand-in
cp "$SRC/builder.sh" "$NE/builder.sh"; chmod +x "$NE/builder.sh"
"$J/bin/java" "$SRC/GenArgs.java" > "$NE/exports.args"
mkdir -p "$NE/graalvm-home/bin"
cp "$SRC/native-image.py" "$NE/graalvm-home/bin/native-image.py"
printf '#!/bin/bash\nexec python3 "$(dirname "$0")/native-image.py" "$@"\n' > "$NE/graalvm-home/bin/native-image"
chmod +x "$NE/graalvm-home/bin/native-image"

# 4. C stand-ins for SubstrateVM's native pieces that are not on Maven Central
mkdir -p "$J/lib/svm/builder/lib" "$NE/svmc/include" "$NE/svmc/obj" "$NE/nilib"
gcc -O2 -shared -fPIC -I"$J/include" -I"$J/include/linux" -o "$J/lib/svm/builder/lib/libreporterchelper.so" "$SRC/reporterchelper.c"
cp "$SRC/svm_locale.h" "$NE/svmc/include/"
JAVA_HOME=$T25 "$SRC/gen-headers.sh" "$SVMJAR" "$NE/svmc/include"
gcc -O2 -fPIC -I"$J/include" -I"$J/include/linux" -I"$NE/svmc/include" -c "$SRC/libchelper.c" -o "$NE/svmc/obj/libchelper.o"
gcc -O2 -fPIC -c "$SRC/container.c" -o "$NE/svmc/obj/container.o"
rm -f "$NE/svmc/liblibchelper.a" "$NE/svmc/libsvm_container.a"
ar rcs "$NE/svmc/liblibchelper.a" "$NE/svmc/obj/libchelper.o"
ar rcs "$NE/svmc/libsvm_container.a" "$NE/svmc/obj/container.o"

# 5. runtime libs: Temurin's shared JDK libs + a stand-in libjvm.so (JVM_* entry points, symbol version SUNWprivate_1.1)
LIBS="libjava libnio libnet libzip libextnet libmanagement_ext"
for l in $LIBS; do cp "$J/lib/$l.so" "$NE/nilib/"; done
(for l in $LIBS; do nm -D --undefined-only "$J/lib/$l.so" | awk '{print $2}' | { grep -E '^JVM_' || true; } | sed 's/@.*//'; done) | sort -u > "$NE/svmc/obj/jvm_imports.txt"
grep -oE '^[a-zA-Z_* ]+ \**(JVM_[A-Za-z0-9_]+)\(' "$SRC/jvm_impl.c" | grep -oE 'JVM_[A-Za-z0-9_]+' | sort -u > "$NE/svmc/obj/jvm_real.txt"
{ echo '#include <stdio.h>'; echo '#include <stdlib.h>'
  comm -23 "$NE/svmc/obj/jvm_imports.txt" "$NE/svmc/obj/jvm_real.txt" | while read -r s; do
    echo "void $s(void) { fputs(\"native image: unsupported call to $s\\n\", stderr); abort(); }"; done; } > "$NE/svmc/obj/jvm_stubs.c"
{ echo 'SUNWprivate_1.1 {'; echo '  global:'
  cat "$NE/svmc/obj/jvm_imports.txt" "$NE/svmc/obj/jvm_real.txt" | sort -u | sed 's/^/    /; s/$/;/'
  printf '    initialize;\n    jio_vfprintf;\n    jio_vsnprintf;\n  local: *;\n};\n'; } > "$NE/svmc/obj/jvm.map"
gcc -O2 -shared -fPIC -I"$J/include" -I"$J/include/linux" -Wl,--version-script="$NE/svmc/obj/jvm.map" -Wl,-soname,libjvm.so \
    -o "$NE/nilib/libjvm.so" "$SRC/jvm_impl.c" "$NE/svmc/obj/jvm_stubs.c" -lpthread -ldl

# 6. "static JDK libraries" the builder insists on: GNU ld linker scripts that pull in the shared libs instead
printf 'INPUT(%s/libjvm.so)\n' "$NE/nilib" > "$NE/svmc/libjvm.a"
printf 'INPUT(%s/libjava.so %s/libzip.so %s/libjvm.so)\n' "$NE/nilib" "$NE/nilib" "$NE/nilib" > "$J/lib/libjava.a"
for l in libnio libnet libextnet libmanagement_ext; do printf 'INPUT(%s/%s.so)\n' "$NE/nilib" "$l" > "$J/lib/$l.a"; done
echo "ready: GRAALVM_HOME=$NE/graalvm-home"
