package dev.vpnc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages depend one way, as docs/architecture.md draws them: each may use only those below
 * it, read from the compiled classes (imports, fully qualified names, signatures, annotations).
 */
class ArchitectureTest {
    /**
     * Bottom to top. source and io hold no vpnc type; diag, ast below the phases; the phases in
     * pipeline order; the compiler facade; then what uses the compiler.
     */
    static final List<String> LAYERS = List.of(
            "source", "io", "diag", "ast", "syntax", "resolve", "check", "plan", "emit", "compiler",
            "review", "fleet", "lab", "lsp", "cli");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vpnc");

    /** Each layer may use the layers below it; every main class belongs to one. */
    static ArchRule oneWay() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (String layer : LAYERS) {
            rule = rule.layer(layer).definedBy("dev.vpnc." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            String[] below = LAYERS.subList(0, i).toArray(String[]::new);
            rule = i == 0 ? rule.whereLayer(LAYERS.get(i)).mayNotAccessAnyLayer()
                    : rule.whereLayer(LAYERS.get(i)).mayOnlyAccessLayers(below);
        }
        return rule;
    }

    @Test
    void dependenciesRunOneWay() {
        oneWay().check(MAIN);
    }

    @Test
    void onlySyntaxTouchesAntlr() {
        noClasses().that().resideOutsideOfPackage("dev.vpnc.syntax..")
                .should().dependOnClassesThat().resideInAPackage("org.antlr..")
                .check(MAIN);
    }

    /** The rule is not vacuous: a class of ast that uses plan (a back-import) breaks it. */
    @Test
    void aBackImportIsCaught() {
        JavaClasses withBackImport = new ClassFileImporter().importClasses(
                dev.vpnc.ast.BackImportFixture.class, dev.vpnc.plan.NetworkPlan.class);
        EvaluationResult result = oneWay().allowEmptyShould(true).evaluate(withBackImport);
        assertTrue(result.hasViolation(), "a back-import from ast to plan went unnoticed");
        assertTrue(result.getFailureReport().getDetails().stream()
                .anyMatch(d -> d.contains("BackImportFixture") && d.contains("NetworkPlan")), result.getFailureReport().toString());
        // and the classes it was given, without the fixture, pass
        assertFalse(oneWay().allowEmptyShould(true).evaluate(new ClassFileImporter()
                .importClasses(dev.vpnc.plan.NetworkPlan.class)).hasViolation());
    }
}
