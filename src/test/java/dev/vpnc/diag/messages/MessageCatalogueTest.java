package dev.vpnc.diag.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The message catalogue, read by reflection: each public static method of its classes makes a
 * {@link Diagnostic.Builder} (or a String: part of a text that a call site passes back, such as
 * an owner or a reason), and every code of {@link Code} has a message in it. A method's code is
 * read by calling it with placeholder arguments.
 */
class MessageCatalogueTest {
    /** Codes no longer raised: Code.java keeps them, unused, with a note. None so far. */
    static final Set<Code> RETIRED = EnumSet.noneOf(Code.class);

    /**
     * Codes whose texts resolve.SourceReader writes (a file it refuses to read: its code, message,
     * label and help), passed on by {@link SourceMessages#readRefused}, the one method that takes a code.
     */
    static final Set<Code> WRITTEN_BY_SOURCE_READER = EnumSet.of(Code.E0108, Code.E0110, Code.E0111, Code.E0112, Code.E0113);

    /** Leading words that are acronyms, allowed to start an otherwise lower-case message. */
    private static final Pattern ACRONYM_START = Pattern.compile("^(AS|BGP|BFD|OSPF|IPv4|IPv6|LAN|MTU|DNS) .*");

    private static final Span AT = new Span(new SourceFile("catalogue.vpn", "site paris { }"), 5, 10);

    /** The top-level classes of the catalogue's package, from the compiled main classes. */
    static List<Class<?>> catalogue() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(MessageCatalogueTest.class.getPackageName()).stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getPackageName().equals(MessageCatalogueTest.class.getPackageName()))
                .<Class<?>>map(JavaClass::reflect)
                .sorted(Comparator.comparing(Class::getSimpleName))
                .toList();
    }

    static List<Method> messages(Collection<Class<?>> classes) {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : classes) {
            Arrays.stream(c.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                    .sorted(Comparator.comparing(Method::getName))
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void everyMessageMakesABuilderOrAText() {
        List<Class<?>> classes = catalogue();
        assertTrue(classes.size() >= 6, "catalogue classes found: " + classes);
        List<String> wrong = new ArrayList<>();
        for (Method m : messages(classes)) {
            if (m.getReturnType() != Diagnostic.Builder.class && m.getReturnType() != String.class) {
                wrong.add(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " returns "
                        + m.getReturnType().getSimpleName());
            }
        }
        assertEquals(List.of(), wrong, "catalogue methods return a Diagnostic.Builder, or a String for part of a text");
    }

    @Test
    void everyCodeHasAMessage() {
        Set<Code> expected = EnumSet.allOf(Code.class);
        expected.removeAll(RETIRED);
        expected.removeAll(WRITTEN_BY_SOURCE_READER);
        Set<Code> made = codesMadeBy(catalogue());
        Set<Code> missing = EnumSet.copyOf(expected);
        missing.removeAll(made);
        assertEquals(Set.of(), missing, "codes without a message in the catalogue (retired ones go in RETIRED)");
        Set<Code> listedButMade = EnumSet.copyOf(WRITTEN_BY_SOURCE_READER);
        listedButMade.retainAll(made);
        assertEquals(Set.of(), listedButMade,
                "codes that now have a catalogue message: take them out of WRITTEN_BY_SOURCE_READER");
    }

    /** The check is not vacuous: without TopologyMessages, its codes are missing. */
    @Test
    void aMissingMessageIsCaught() {
        List<Class<?>> withoutTopology = new ArrayList<>(catalogue());
        assertTrue(withoutTopology.remove(TopologyMessages.class));
        Set<Code> made = codesMadeBy(withoutTopology);
        assertTrue(!made.contains(Code.E0308) && !made.contains(Code.W0302), "codes made without TopologyMessages: " + made);
        assertTrue(made.contains(Code.E0001) && made.contains(Code.E0323), "codes made without TopologyMessages: " + made);
    }

    /** Lower-case sentences without a final period, as Code.java asks; placeholder arguments fill in the values. */
    @Test
    void messagesReadAsSentences() {
        List<String> problems = new ArrayList<>();
        for (Method m : messages(catalogue())) {
            String where = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            for (boolean flag : new boolean[] {false, true}) {
                Object made = call(m, flag);
                if (made instanceof String text) {
                    if (text.isBlank() || text.endsWith(".")) {
                        problems.add(where + ": text `" + text + "`");
                    }
                    continue;
                }
                Diagnostic d = ((Diagnostic.Builder) made).build();
                String message = d.message();
                char first = message.isEmpty() ? ' ' : message.charAt(0);
                boolean startOk = Character.isLowerCase(first) || first == '`' || Character.isDigit(first)
                        || ACRONYM_START.matcher(message).matches();
                if (!startOk) {
                    problems.add(where + ": message must start with a lower-case letter, a backtick, a digit or an acronym");
                }
                if (message.endsWith(".") || d.label().endsWith(".") || d.help().endsWith(".") || d.help().isBlank()) {
                    problems.add(where + ": a final period or no help: " + d);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The codes of the messages of {@code classes}, each method called with both values of its flags. */
    static Set<Code> codesMadeBy(Collection<Class<?>> classes) {
        Set<Code> codes = EnumSet.noneOf(Code.class);
        for (Method m : messages(classes)) {
            boolean passedOn = Arrays.asList(m.getParameterTypes()).contains(Code.class);
            if (m.getReturnType() != Diagnostic.Builder.class || passedOn) {
                continue;
            }
            for (boolean flag : new boolean[] {false, true}) {
                codes.add(((Diagnostic.Builder) call(m, flag)).build().code());
            }
        }
        return codes;
    }

    private static Object call(Method m, boolean flag) {
        Object[] args = Arrays.stream(m.getParameterTypes()).map(t -> placeholder(t, flag, m)).toArray();
        try {
            return m.invoke(null, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(m + " failed on placeholder arguments", e);
        }
    }

    private static Object placeholder(Class<?> type, boolean flag, Method m) {
        if (type == Span.class) {
            return AT;
        } else if (type == String.class) {
            return "paris";
        } else if (type == int.class) {
            return 2;
        } else if (type == long.class) {
            return 2L;
        } else if (type == boolean.class) {
            return flag;
        } else if (type == List.class || type == Collection.class) {
            return List.of("lyon", "paris");
        } else if (type == Code.class) {
            return Code.E0108;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[flag ? type.getEnumConstants().length - 1 : 0];
        }
        return fail("no placeholder for a " + type.getSimpleName() + " parameter of " + m);
    }
}
