package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the templates see the views: records read as hashes, enums as their names. */
class RecordWrapperTest {
    enum Mode { BGP, OSPF }

    /** Package-private, like most views: the wrapper must read it all the same. */
    record Item(String name, int weight) {
    }

    record Host(String name, Mode mode, List<Item> items, Map<String, String> tags, boolean gateway) {
        public String shout() {
            return name.toUpperCase(java.util.Locale.ROOT);
        }

        public String greet(String who) {
            return "hello " + who;
        }
    }

    private static final Host HOST = new Host("par-1", Mode.OSPF, List.of(new Item("a", 1), new Item("b", 2)),
            Map.of("role", "hub"), true);

    private static String render(String template) throws IOException, TemplateException {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setObjectWrapper(new RecordWrapper(Configuration.VERSION_2_3_34));
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setNumberFormat("c");
        StringWriter out = new StringWriter();
        new Template("t", template, cfg).process(Map.of("host", HOST), out);
        return out.toString();
    }

    @Test
    void componentsAndMethodsWithoutArgumentsReadAsProperties() throws Exception {
        assertEquals("par-1 PAR-1 true", render("${host.name} ${host.shout} ${host.gateway?c}"));
    }

    @Test
    void enumsPrintAndCompareAsTheirNames() throws Exception {
        assertEquals("OSPF yes", render("${host.mode} <#if host.mode == \"OSPF\">yes</#if>"));
    }

    @Test
    void listsOfRecordsAndMapsWrapAsUsual() throws Exception {
        assertEquals("a=1 b=2 | 2 | hub", render("<#list host.items as i>${i.name}=${i.weight}<#sep> </#list> | ${host.items?size} | ${host.tags.role}"));
    }

    @Test
    void aMissingMemberIsATemplateErrorNamingIt() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("${host.nmae}"));
        assertTrue(e.getMessage().contains("host.nmae"), e.getMessage());
    }

    @Test
    void methodsWithArgumentsAndObjectsMethodsAreNotShown() {
        assertThrows(TemplateException.class, () -> render("${host.greet}"));
        assertThrows(TemplateException.class, () -> render("${host.hashCode}"));
    }
}
