#!/bin/sh
# vpnc, as a release installs it: its own Java runtime (runtime/, made with jlink), the application
# (lib/vpnc.jar) and the start-up cache made for both by a training run (lib/vpnc.aot: JDK 25's AOT
# cache, the classes of a compile loaded and linked ahead of time; it stays valid wherever the
# release is unpacked, as long as runtime/ and lib/ keep their places). No JDK is needed. The flags
# are those of the clone's launcher (./vpnc), where each is explained.
self=$(readlink -f "$0")
home=${self%/bin/*}
# The JVM's own messages go to standard error, never to standard output (which `vpnc fmt -` and
# `vpnc completion` fill): a cache that cannot be used is reported there, and vpnc runs without it.
exec "$home/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -Xlog:disable -Xlog:all=warning:stderr \
  -XX:AOTCache="$home/lib/vpnc.aot" -Dorg.freemarker.loggerLibrary=none -jar "$home/lib/vpnc.jar" "$@"
