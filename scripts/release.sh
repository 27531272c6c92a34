#!/usr/bin/env bash
# Builds a release of vpnc from a clean clone of this repository's HEAD (committed work only):
#   vpnc-VERSION-linux-x86_64.tar.gz   bin/vpnc, a Java runtime trimmed with jlink (the modules
#                                      jdeps finds), lib/vpnc.jar and its start-up cache, the man
#                                      page, the shell completions, the licenses: runs with no JDK
#   vpnc-compiler_VERSION_amd64.deb    the same under /usr/lib/vpnc, with /usr/bin/vpnc, the man
#                                      page and the completions where bash, zsh and fish look
#   SHA256SUMS                         checksums of both
#
# Usage: scripts/release.sh [OUT_DIR]            (default: target/release)
# Needs: JDK 17+ and Maven (the build, as for the clone), a JDK 25 for the runtime and its AOT cache
# (RELEASE_JDK, default /usr/lib/jvm/temurin-25-jdk-amd64), dpkg-deb, git.
# scripts/release-test.sh installs both into a Debian root with no JDK and compiles with them.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
out=$(mkdir -p "${1:-$root/target/release}" && cd "${1:-$root/target/release}" && pwd)
jdk=${RELEASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
for tool in "$jdk/bin/jlink" "$jdk/bin/jdeps" "$jdk/bin/java"; do
  [ -x "$tool" ] || { echo "release: $tool is missing: set RELEASE_JDK to a JDK 25" >&2; exit 2; }
done
command -v dpkg-deb >/dev/null || { echo "release: dpkg-deb is missing" >&2; exit 2; }

work=$(mktemp -d -t vpnc-release.XXXXXX)
trap 'rm -rf -- "$work"' EXIT

# The committed work, nothing else: what a tag would hold.
git clone -q --no-local "$root" "$work/src"
src=$work/src
echo "release: building $(git -C "$src" rev-parse --short=12 HEAD) (mvn package)" >&2
(cd "$src" && mvn -q -B -DskipTests package) >&2
jar=$src/target/vpnc.jar
version=$(unzip -p "$jar" vpnc/version.txt | tr -d '\n')
# Every file of the release gets the time of the commit: the same commit, the same archive bytes
# (bar the AOT cache, which the JVM writes as it likes).
epoch=$(git -C "$src" log -1 --format=%ct)
name=vpnc-$version-linux-x86_64
stage=$work/stage/$name
mkdir -p "$stage/bin" "$stage/lib" "$stage/share/man/man1" "$stage/share/completions" "$stage/share/doc"

# The runtime: the modules the jar needs (FreeMarker reaches java.desktop's java.beans and java.sql;
# picocli java.sql and java.rmi's types; lsp4j java.compiler's), stripped of what a command line
# tool does not use.
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$jar")
echo "release: runtime with $modules (jlink)" >&2
# java.desktop is there for java.beans alone: its native libraries (AWT, fonts, images, sound),
# which would also need X11's, are left out.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --exclude-files='**/libawt*.so,**/libfontmanager.so,**/libfreetype.so,**/libjavajpeg.so,**/libjawt.so,**/libjsound.so,**/liblcms.so,**/libmlib_image.so,**/libsplashscreen.so' \
  --output "$stage/runtime"
# picocli's Java 5 classes rewritten as Java 8 ones with stack maps (see UpgradeClasses.java): they
# then join the AOT cache instead of being verified the slow way at every start (-70 ms a compile).
upgraded=$("$jdk/bin/java" "$src/packaging/UpgradeClasses.java" "$jar" "$stage/lib/vpnc.jar")
echo "release: $upgraded classes of Java 5 rewritten as Java 8 classes" >&2
install -m 755 "$src/packaging/vpnc.sh" "$stage/bin/vpnc"
cp "$src/LICENSE" "$src/NOTICE" "$src/README.md" "$stage/"
cp -r "$src/licenses" "$stage/licenses"
cp -r "$src/docs" "$stage/share/doc/docs"
cp -r "$src/examples" "$stage/share/doc/examples"

# Every file gets the commit's time before the training run: the cache records the jar's time and
# size, and is refused by a JVM that finds another (tar and dpkg keep these times).
find "$stage" -exec touch -h -d "@$epoch" {} +

# The start-up cache: one compile of the reference network (with a fresh key store, thrown away),
# as the clone's launcher trains its CDS archive. JDK 25 records what it loaded and linked, then
# writes the cache in a second JVM.
train=$work/train
mkdir -p "$train"
"$stage/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -Dorg.freemarker.loggerLibrary=none -XX:AOTCacheOutput="$stage/lib/vpnc.aot" -jar "$stage/lib/vpnc.jar" \
  compile "$src/examples/reference/net.vpn" -o "$train/out" --secrets "$train/secrets" --lock "$train/vpnc.lock" \
  > "$train/log" 2>&1 || { cat "$train/log" >&2; echo "release: the training run failed" >&2; exit 1; }
[ -s "$stage/lib/vpnc.aot" ] || { cat "$train/log" >&2; echo "release: no AOT cache was written" >&2; exit 1; }
rm -rf -- "$train"
touch -d "@$epoch" "$stage/lib/vpnc.aot"

# The completions and the man page, from the staged vpnc itself, once its cache exists.
vpnc() { "$stage/bin/vpnc" "$@"; }
vpnc completion bash > "$stage/share/completions/vpnc.bash"
vpnc completion zsh > "$stage/share/completions/_vpnc"
vpnc completion fish > "$stage/share/completions/vpnc.fish"
bash "$src/packaging/manpage.sh" "$stage/bin/vpnc" "$version" "$epoch" > "$stage/share/man/man1/vpnc.1"
touch -d "@$epoch" "$stage"/share/completions/* "$stage/share/man/man1/vpnc.1"

tarball=$out/$name.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$work/stage" -cf - "$name" | gzip -n -9 > "$tarball"

# The .deb: the same tree under /usr/lib/vpnc.
deb=$out/vpnc-compiler_${version}_amd64.deb
pkg=$work/deb
mkdir -p "$pkg/DEBIAN" "$pkg/usr/lib" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/vpnc-compiler" \
  "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" "$pkg/usr/share/fish/vendor_completions.d"
cp -a "$stage" "$pkg/usr/lib/vpnc"
ln -s ../lib/vpnc/bin/vpnc "$pkg/usr/bin/vpnc"
mv "$pkg/usr/lib/vpnc/share/completions/vpnc.bash" "$pkg/usr/share/bash-completion/completions/vpnc"
mv "$pkg/usr/lib/vpnc/share/completions/_vpnc" "$pkg/usr/share/zsh/vendor-completions/_vpnc"
mv "$pkg/usr/lib/vpnc/share/completions/vpnc.fish" "$pkg/usr/share/fish/vendor_completions.d/vpnc.fish"
gzip -n -9 -c "$pkg/usr/lib/vpnc/share/man/man1/vpnc.1" > "$pkg/usr/share/man/man1/vpnc.1.gz"
rm -r "$pkg/usr/lib/vpnc/share/completions" "$pkg/usr/lib/vpnc/share/man"
mv "$pkg/usr/lib/vpnc/share/doc"/* "$pkg/usr/share/doc/vpnc-compiler/"
rmdir "$pkg/usr/lib/vpnc/share/doc" "$pkg/usr/lib/vpnc/share"
mv "$pkg/usr/lib/vpnc/README.md" "$pkg/usr/lib/vpnc/NOTICE" "$pkg/usr/lib/vpnc/licenses" "$pkg/usr/share/doc/vpnc-compiler/"
# Debian's place for a package's license: the copyright file (ours and the bundled libraries').
cat "$src/NOTICE" - "$src/LICENSE" > "$pkg/usr/share/doc/vpnc-compiler/copyright" <<'EOF'

The Apache License 2.0, which covers vpnc and the libraries so marked above, follows; the other
licenses are in /usr/share/doc/vpnc-compiler/licenses/.

EOF
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$src/packaging/debian/control" > "$pkg/DEBIAN/control"
find "$pkg" -exec touch -h -d "@$epoch" {} +
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null

(cd "$out" && sha256sum "$(basename "$tarball")" "$(basename "$deb")" > SHA256SUMS)
echo "release: $(du -k "$tarball" | cut -f1) KB $(basename "$tarball"), $(du -k "$deb" | cut -f1) KB $(basename "$deb"), in $out" >&2
