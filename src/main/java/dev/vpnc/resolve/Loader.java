package dev.vpnc.resolve;

import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Import;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a source file and, depth first, everything it imports: other files (relative to the
 * importing file) and stdlib modules ({@code std.NAME}, shipped in the jar). Each file is parsed
 * once, however many files import it and by whatever path (files are known by their real path).
 * The prelude {@code std.defaults} is always loaded. Files on disk are read only through a
 * {@link SourceReader}, which decides what may be read.
 */
public final class Loader {
    public static final String PRELUDE = "std.defaults";
    private static final String STDLIB_PREFIX = "std.";

    private final Diagnostics diagnostics;
    private final SourceReader reader;
    /** Loaded files by key: the real path of a file on disk, so that links cannot make one file many. */
    private final Map<String, FileAst> loaded = new LinkedHashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    /** How deep imports may chain (the root file is level 1); bounded so the stack cannot run out. */
    public static final int MAX_IMPORT_DEPTH = 32;
    private final Map<Import, String> importKeys = new IdentityHashMap<>();

    /** The loaded files, and which file each import statement brought in (absent: not loaded). */
    public record Loaded(List<FileAst> files, Map<Import, FileAst> imports) {
    }

    private Loader(Diagnostics diagnostics, SourceReader reader) {
        this.diagnostics = diagnostics;
        this.reader = reader;
    }

    /** Parses a text that is not on disk (tests); its imports resolve against, and stay under, {@code dir}. */
    public static List<FileAst> load(SourceFile source, Path dir, Diagnostics diagnostics) {
        return loadAll(source, dir, SourceReader.of(dir, List.of(), null), diagnostics).files();
    }

    /** Loads the root file and its imports, each read through {@code reader} (what may be read, and how). */
    public static Loaded loadAll(Path root, SourceReader reader, Diagnostics diagnostics) {
        Loader loader = new Loader(diagnostics, reader);
        SourceReader.Read read = reader.root(root);
        if (read instanceof SourceReader.Refused refused) {
            diagnostics.add(rootRefusal(refused, root));
            return new Loaded(List.of(), Map.of());
        }
        SourceReader.Text text = (SourceReader.Text) read;
        loader.visit(key(text.realPath()), text.source(), sourceDir(root));
        return loader.finish();
    }

    /** The folder imports of {@code root} resolve against: "" for a file named without one (`net.vpn`). */
    public static Path sourceDir(Path root) {
        return root.getParent() != null ? root.getParent() : Path.of("");
    }

    /** Loads an editor's buffer: not on disk, its imports resolve against {@code dir}. */
    public static Loaded loadAll(SourceFile source, Path dir, SourceReader reader, Diagnostics diagnostics) {
        Loader loader = new Loader(diagnostics, reader);
        loader.visit("<memory>:" + source.displayName(), source, dir);
        return loader.finish();
    }

    private Loaded finish() {
        visitStdlib(PRELUDE, null);
        Map<Import, FileAst> imports = new IdentityHashMap<>();
        importKeys.forEach((imp, key) -> {
            if (loaded.containsKey(key)) {
                imports.put(imp, loaded.get(key));
            }
        });
        return new Loaded(new ArrayList<>(loaded.values()), imports);
    }

    private void visit(String key, SourceFile source, Path dir) {
        visit(key, Parser.parse(source, diagnostics), dir);
    }

    private void visit(String key, FileAst ast, Path dir) {
        stack.push(key);
        loaded.put(key, ast);
        for (Import imp : ast.imports()) {
            if (imp instanceof Import.Stdlib s) {
                importKeys.put(imp, "stdlib:" + s.module());
                visitStdlib(s.module(), s.span());
            } else if (imp instanceof Import.File f) {
                visitFile(f, dir);
            }
        }
        stack.pop();
    }

    private void visitStdlib(String module, Span at) {
        String key = "stdlib:" + module;
        if (checkCycle(key, module, at) || loaded.containsKey(key)) {
            return;
        }
        ParsedModule parsed = module.startsWith(STDLIB_PREFIX) ? stdlib(module.substring(STDLIB_PREFIX.length())) : null;
        if (parsed == null) {
            if (at != null) {
                diagnostics.add(SourceMessages.stdlibModuleNotFound(at, module, Stdlib.modules()));
            }
            return;
        }
        parsed.diagnostics().forEach(diagnostics::add);
        visit(key, parsed.ast(), null);
    }

    /** A stdlib module's syntax tree, and what parsing it reported (nothing, unless the jar is broken). */
    private record ParsedModule(FileAst ast, List<Diagnostic> diagnostics) {
    }

    /**
     * Stdlib modules parsed once per process: their text is the jar's, the same for every load.
     * Syntax trees are immutable, so loads share them (the language server loads on every edit).
     * A module that does not exist is not remembered: module names come from user input.
     */
    private static final Map<String, ParsedModule> STDLIB = new ConcurrentHashMap<>();

    private static ParsedModule stdlib(String name) {
        ParsedModule parsed = STDLIB.get(name);
        if (parsed != null) {
            return parsed;
        }
        String text = readStdlib(name);
        if (text == null) {
            return null;
        }
        // Two threads may parse the same module at once; either result will do.
        Diagnostics found = new Diagnostics();
        FileAst ast = Parser.parse(new SourceFile("<stdlib>/" + name + ".vpn", text), found);
        return STDLIB.computeIfAbsent(name, n -> new ParsedModule(ast, found.sorted()));
    }

    /** Parses every stdlib module ahead of the first load (the CLI does this on a second thread). */
    public static void preloadStdlib() {
        for (String module : Stdlib.modules()) {
            stdlib(module.substring(STDLIB_PREFIX.length()));
        }
    }

    private void visitFile(Import.File imp, Path dir) {
        if (dir == null) {
            diagnostics.add(SourceMessages.fileImportInStdlib(imp.span()));
            return;
        }
        Path path = dir.resolve(imp.path()).normalize();
        SourceReader.Lookup found = reader.locate(imp.path(), path);
        if (found instanceof SourceReader.Refused refused) {
            diagnostics.add(refusal(refused, imp.span()));
            return;
        }
        // One key per real file: links (`a -> .`) give a file endless names, and would otherwise
        // load it again under each of them, without end.
        SourceReader.Allowed allowed = (SourceReader.Allowed) found;
        String key = key(allowed.realPath());
        importKeys.put(imp, key);
        if (checkCycle(key, imp.path(), imp.span()) || loaded.containsKey(key)) {
            return;
        }
        if (stack.size() >= MAX_IMPORT_DEPTH) {
            diagnostics.add(SourceMessages.importsTooDeep(imp.span(), imp.path(), MAX_IMPORT_DEPTH));
            return;
        }
        SourceReader.Read read = reader.read(allowed);
        if (read instanceof SourceReader.Refused refused) {
            diagnostics.add(refusal(refused, imp.span()));
            return;
        }
        visit(key, ((SourceReader.Text) read).source(), path.getParent());
    }

    private boolean checkCycle(String key, String shown, Span at) {
        if (!stack.contains(key)) {
            return false;
        }
        if (at != null) {
            diagnostics.add(SourceMessages.importCycle(at, shown));
        }
        return true;
    }

    /** The diagnostic of a root file that was not read: located at the file, which is not shown. */
    public static Diagnostic rootRefusal(SourceReader.Refused refused, Path root) {
        return refusal(refused, new Span(new SourceFile(root.toString(), ""), 0, 0));
    }

    private static Diagnostic refusal(SourceReader.Refused refused, Span at) {
        return SourceMessages.readRefused(refused.code(), at, refused.message(), refused.label(), refused.help()).build();
    }

    private static String readStdlib(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            return null;
        }
        try (InputStream in = Loader.class.getResourceAsStream("/vpnc/stdlib/" + name + ".vpn")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String key(Path realPath) {
        return realPath.toString();
    }
}
