package dev.vpnc.syntax;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.syntax.CompletionContext.BirdVersion;
import dev.vpnc.syntax.CompletionContext.Expectation;
import dev.vpnc.syntax.CompletionContext.Group;
import dev.vpnc.syntax.CompletionContext.HubSite;
import dev.vpnc.syntax.CompletionContext.ImportTarget;
import dev.vpnc.syntax.CompletionContext.Keywords;
import dev.vpnc.syntax.CompletionContext.MeshEnd;
import dev.vpnc.syntax.CompletionContext.ProfileName;
import dev.vpnc.syntax.CompletionContext.StatementStart;
import dev.vpnc.syntax.CompletionContext.SubSetting;
import dev.vpnc.syntax.CompletionContext.TopLevel;
import dev.vpnc.syntax.antlr.VpnLexer;
import dev.vpnc.syntax.antlr.VpnParser;
import dev.vpnc.syntax.antlr.VpnParser.BirdStmtContext;
import dev.vpnc.syntax.antlr.VpnParser.BirdVersionContext;
import dev.vpnc.syntax.antlr.VpnParser.BodyContext;
import dev.vpnc.syntax.antlr.VpnParser.DeclarationContext;
import dev.vpnc.syntax.antlr.VpnParser.GatewayStmtContext;
import dev.vpnc.syntax.antlr.VpnParser.HostBodyContext;
import dev.vpnc.syntax.antlr.VpnParser.ImportDeclContext;
import dev.vpnc.syntax.antlr.VpnParser.MeshHubsStmtContext;
import dev.vpnc.syntax.antlr.VpnParser.MeshLinkContext;
import dev.vpnc.syntax.antlr.VpnParser.MeshLinksStmtContext;
import dev.vpnc.syntax.antlr.VpnParser.NameContext;
import dev.vpnc.syntax.antlr.VpnParser.NetworkDeclContext;
import dev.vpnc.syntax.antlr.VpnParser.ProfileDeclContext;
import dev.vpnc.syntax.antlr.VpnParser.QualifiedNameContext;
import dev.vpnc.syntax.antlr.VpnParser.SiteDeclContext;
import dev.vpnc.syntax.antlr.VpnParser.UsesContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Reads what the parser expects at the cursor as completion's expectations. The token sets that
 * start a declaration, a statement or a sub-setting are the grammar's own first sets; a position
 * where one may start expects all of that set, which tells {@code inside |} (bgp, ospf: values)
 * from the start of a statement (where bgp and ospf are blocks). Which block the cursor is in,
 * and what a name there refers to, come from the rules open around it.
 */
final class CursorExpectations {
    private static final IntervalSet DECLARATION = first(VpnParser.RULE_declaration);
    private static final IntervalSet TOP_LEVEL = first(VpnParser.RULE_importDecl).or(DECLARATION);
    private static final IntervalSet SETTING = first(VpnParser.RULE_setting);
    private static final IntervalSet STATEMENT = first(VpnParser.RULE_statement);
    private static final Map<Group, IntervalSet> GROUPS = new EnumMap<>(Map.of(
            Group.WIREGUARD, first(VpnParser.RULE_wireguardSetting),
            Group.BGP, first(VpnParser.RULE_bgpSetting),
            Group.BFD, first(VpnParser.RULE_bfdSetting),
            Group.OSPF, first(VpnParser.RULE_ospfSetting),
            Group.PROBE, first(VpnParser.RULE_probeSetting)));

    private CursorExpectations() {
    }

    static List<Expectation> of(CursorProbe.Found found) {
        IntervalSet expected = found.expected();
        List<Expectation> out = new ArrayList<>();
        IntervalSet told = new IntervalSet();
        if (includes(expected, DECLARATION)) {
            out.add(new TopLevel(words(expected.and(TOP_LEVEL))));
            told.addAll(TOP_LEVEL);
        }
        Optional<BlockKind> block = enclosingBlock(found.context());
        if (block.isPresent() && includes(expected, SETTING)) {
            out.add(new StatementStart(block.get(), words(expected.and(STATEMENT))));
            told.addAll(STATEMENT);
        }
        for (var group : GROUPS.entrySet()) {
            if (block.isPresent() && includes(expected, group.getValue())) {
                out.add(new SubSetting(block.get(), group.getKey(), words(expected.and(group.getValue()))));
                told.addAll(group.getValue());
            }
        }
        List<String> others = words(expected.subtract(told));
        if (!others.isEmpty()) {
            out.add(new Keywords(others));
        }
        named(found.context(), expected).ifPresent(out::add);
        return out;
    }

    /** What a name (or a string, or a number) expected here would refer to, if completion can know. */
    private static Optional<Expectation> named(ParserRuleContext context, IntervalSet expected) {
        ParserRuleContext at = context;
        while (at instanceof NameContext || at instanceof QualifiedNameContext) {
            at = at.getParent();
        }
        if (expected.contains(VpnLexer.NAME) || expected.contains(VpnLexer.STRING)) {
            if (at instanceof UsesContext) {
                return Optional.of(new ProfileName(declaringProfile(at)));
            }
            if (at instanceof MeshLinkContext || at instanceof MeshLinksStmtContext) {
                return Optional.of(new MeshEnd());
            }
            if (at instanceof MeshHubsStmtContext) {
                return Optional.of(new HubSite());
            }
            if (at instanceof ImportDeclContext) {
                return Optional.of(new ImportTarget());
            }
        }
        if (expected.contains(VpnLexer.NUMBER) && (at instanceof BirdVersionContext || at instanceof BirdStmtContext)) {
            return Optional.of(new BirdVersion());
        }
        return Optional.empty();
    }

    /** The profile whose header or body holds {@code at}: it may not use itself. */
    private static Optional<String> declaringProfile(ParserRuleContext at) {
        for (ParserRuleContext c = at; c != null; c = c.getParent()) {
            if (c instanceof DeclarationContext) {
                return c instanceof ProfileDeclContext p && p.name() != null && p.name().NAME() != null
                        ? Optional.of(p.name().NAME().getText()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The kind of the innermost block whose body holds {@code at}. */
    private static Optional<BlockKind> enclosingBlock(ParserRuleContext at) {
        for (ParserRuleContext c = at; c != null; c = c.getParent()) {
            if (c instanceof HostBodyContext) {
                return Optional.of(c.getParent() instanceof GatewayStmtContext ? BlockKind.GATEWAY : BlockKind.ROUTER);
            }
            if (c instanceof BodyContext) {
                ParserRuleContext d = c.getParent();
                return Optional.of(d instanceof NetworkDeclContext ? BlockKind.NETWORK
                        : d instanceof SiteDeclContext ? BlockKind.SITE : BlockKind.PROFILE);
            }
        }
        return Optional.empty();
    }

    private static IntervalSet first(int rule) {
        return VpnParser._ATN.nextTokens(VpnParser._ATN.ruleToStartState[rule]);
    }

    private static boolean includes(IntervalSet expected, IntervalSet all) {
        return all.subtract(expected).isNil();
    }

    /** The keywords of a token set, as written. */
    private static List<String> words(IntervalSet types) {
        List<String> out = new ArrayList<>();
        for (int t : types.toList()) {
            if (Expectations.isKeyword(t)) {
                out.add(Vocabulary.word(t));
            }
        }
        return out;
    }
}
