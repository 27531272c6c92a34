import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Rewrites the Java 5 classes of a jar (class file version below 50: picocli's) as Java 8 classes
 * with stack maps, for the release's JDK 25: a class that old is checked by the slow
 * type-inferencing verifier at every start, and cannot go into the AOT cache (175 classes, 180 ms
 * of a compile). The code is unchanged; the JDK's own class-file API recomputes the stack maps.
 *
 * <p>Run with JDK 25 as a source program: {@code java packaging/UpgradeClasses.java IN.jar OUT.jar}.
 * Every entry is copied in order with its time; prints how many classes it rewrote.
 */
public class UpgradeClasses {
    private static final int JAVA_8 = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int upgraded = 0;
        try (JarFile jar = new JarFile(in.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
             OutputStream file = Files.newOutputStream(out);
             JarOutputStream copy = new JarOutputStream(file)) {
            // Stack maps name the common superclass of two types: found in the jar, then the JDK.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(loader)
                            .orElse(ClassHierarchyResolver.defaultResolver())));
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream s = jar.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")
                        && majorVersion(bytes) < ClassFile.JAVA_6_VERSION) {
                    ClassModel model = classFile.parse(bytes);
                    ClassTransform toJava8 = (b, element) -> {
                        if (element instanceof ClassFileVersion) {
                            b.withVersion(JAVA_8, 0);
                        } else {
                            b.with(element);
                        }
                    };
                    // Method bodies rebuilt (unchanged), so that their stack maps are generated.
                    bytes = classFile.transformClass(model,
                            toJava8.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
                    upgraded++;
                }
                JarEntry copied = new JarEntry(entry.getName());
                copied.setTime(entry.getTime());
                copy.putNextEntry(copied);
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        System.out.println(upgraded);
    }

    private static int majorVersion(byte[] classBytes) {
        return ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }
}
