package dev.vpnc.syntax;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Import;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.antlr.VpnParser;
import dev.vpnc.syntax.antlr.VpnParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The one place that turns ANTLR's parse tree into the AST. After a syntax error, ANTLR may hand
 * over incomplete contexts (missing children): those parts are dropped, since the error has
 * already been reported.
 */
final class AstBuilder {
    private final SourceFile source;

    AstBuilder(SourceFile source) {
        this.source = source;
    }

    FileAst file(FileContext ctx) {
        List<Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.importDecl()) {
            Import imp = importDecl(i);
            if (imp != null) {
                imports.add(imp);
            }
        }
        List<Declaration> decls = new ArrayList<>();
        for (DeclarationContext d : ctx.declaration()) {
            Declaration decl = declaration(d);
            if (decl != null) {
                decls.add(decl);
            }
        }
        return new FileAst(source, imports, decls);
    }

    private Import importDecl(ImportDeclContext ctx) {
        if (ctx instanceof StdImportContext s && s.qualifiedName() != null && s.qualifiedName().exception == null) {
            return new Import.Stdlib(s.qualifiedName().getText(), span(ctx));
        }
        if (ctx instanceof FileImportContext f && f.STRING() != null) {
            return new Import.File(unquote(f.STRING().getText()), span(ctx));
        }
        return null;
    }

    private Declaration declaration(DeclarationContext ctx) {
        if (ctx instanceof NetworkDeclContext n && complete(n.name(), n.body())) {
            return new Declaration.Network(name(n.name()), uses(n.uses()), body(n.body()), span(ctx));
        }
        if (ctx instanceof SiteDeclContext s && complete(s.name(), s.body())) {
            return new Declaration.Site(name(s.name()), uses(s.uses()), body(s.body()), span(ctx));
        }
        if (ctx instanceof ProfileDeclContext p && complete(p.name(), p.body())) {
            return new Declaration.Profile(name(p.name()), uses(p.uses()), body(p.body()), span(ctx));
        }
        return null;
    }

    private static boolean complete(NameContext name, BodyContext body) {
        return name != null && name.NAME() != null && body != null;
    }

    private List<Name> uses(UsesContext ctx) {
        List<Name> names = new ArrayList<>();
        if (ctx != null) {
            for (NameContext n : ctx.name()) {
                if (n.NAME() != null) {
                    names.add(name(n));
                }
            }
        }
        return names;
    }

    private List<Statement> body(BodyContext ctx) {
        List<Statement> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (StatementContext s : ctx.statement()) {
            try {
                statement(s, out);
            } catch (NullPointerException | IndexOutOfBoundsException incomplete) {
                // An incomplete statement after a reported syntax error: skip it.
            }
        }
        return out;
    }

    private List<Statement> hostBody(HostBodyContext ctx) {
        List<Statement> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (SettingContext s : ctx.setting()) {
            try {
                setting(s, out);
            } catch (NullPointerException | IndexOutOfBoundsException incomplete) {
                // An incomplete statement after a reported syntax error: skip it.
            }
        }
        return out;
    }

    private void statement(StatementContext ctx, List<Statement> out) {
        if (ctx instanceof GatewayStmtContext g) {
            host(BlockKind.GATEWAY, g.name(), g.uses(), g.hostBody(), ctx, out);
        } else if (ctx instanceof RouterStmtContext r) {
            host(BlockKind.ROUTER, r.name(), r.uses(), r.hostBody(), ctx, out);
        } else if (ctx instanceof SettingStmtContext st && st.setting() != null) {
            setting(st.setting(), out);
        }
    }

    private void setting(SettingContext ctx, List<Statement> out) {
        if (ctx instanceof NamespaceStmtContext n) {
            setting(out, Key.NAMESPACE, n.NAMESPACE().getSymbol(), ctx, ifname(n.ifname()));
        } else if (ctx instanceof TunnelsStmtContext t) {
            Key key = t.family().IPV6() != null ? Key.TUNNELS_IPV6 : Key.TUNNELS_IPV4;
            setting(out, key, spanOf(t.TUNNELS().getSymbol(), t.family().getStop()), ctx, prefix(t.prefix()));
        } else if (ctx instanceof PortsStmtContext p) {
            setting(out, Key.PORTS, p.PORTS().getSymbol(), ctx,
                    new Value.Range(number(p.NUMBER(0)), number(p.NUMBER(1)), spanOf(p.NUMBER(0).getSymbol(), p.NUMBER(1).getSymbol())));
        } else if (ctx instanceof UnderlayStmtContext u) {
            List<Value> families = new ArrayList<>();
            for (FamilyContext f : u.family()) {
                families.add(new Value.FamilyValue(f.IPV6() != null ? Value.Family.IPV6 : Value.Family.IPV4, span(f)));
            }
            setting(out, Key.UNDERLAY, u.UNDERLAY().getSymbol(), ctx, families);
        } else if (ctx instanceof AsnStmtContext a) {
            if (a.DOTDOT() != null) {
                setting(out, Key.ASN_POOL, a.ASN().getSymbol(), ctx,
                        new Value.Range(number(a.NUMBER(0)), number(a.NUMBER(1)), spanOf(a.NUMBER(0).getSymbol(), a.NUMBER(1).getSymbol())));
            } else {
                setting(out, Key.ASN, a.ASN().getSymbol(), ctx, number(a.NUMBER(0)));
            }
        } else if (ctx instanceof MeshFullStmtContext m) {
            setting(out, Key.MESH, m.MESH().getSymbol(), ctx, word(m.FULL()));
        } else if (ctx instanceof MeshLinksStmtContext m) {
            List<Value> links = new ArrayList<>();
            for (MeshLinkContext l : m.meshLink()) {
                if (l.name().size() == 2 && l.name(0).NAME() != null && l.name(1).NAME() != null) {
                    links.add(new Value.MeshLink(name(l.name(0)), name(l.name(1)), span(l)));
                }
            }
            setting(out, Key.MESH, m.MESH().getSymbol(), ctx, links);
        } else if (ctx instanceof MeshHubsStmtContext m) {
            List<Name> hubs = m.name().stream().filter(n -> n.NAME() != null).map(this::name).toList();
            setting(out, Key.MESH, m.MESH().getSymbol(), ctx, new Value.Hubs(hubs, span(ctx)));
        } else if (ctx instanceof PrefixesStmtContext p) {
            setting(out, Key.PREFIXES, p.PREFIXES().getSymbol(), ctx, p.prefix().stream().map(this::prefix).toList());
        } else if (ctx instanceof SubnetStmtContext s) {
            setting(out, Key.SUBNET, s.SUBNET().getSymbol(), ctx, s.prefix().stream().map(this::prefix).toList());
        } else if (ctx instanceof EndpointStmtContext e) {
            setting(out, Key.ENDPOINT, e.ENDPOINT().getSymbol(), ctx, endpoint(e.endpoint()));
        } else if (ctx instanceof UplinkStmtContext u) {
            setting(out, Key.UPLINK, u.UPLINK().getSymbol(), ctx, ifname(u.ifname()));
        } else if (ctx instanceof LanStmtContext l) {
            setting(out, Key.LAN, l.LAN().getSymbol(), ctx, l.ifname().stream().map(this::ifname).toList());
        } else if (ctx instanceof HostsStmtContext h) {
            setting(out, Key.HOSTS, h.HOSTS().getSymbol(), ctx, h.ifname().stream().map(this::ifname).toList());
        } else if (ctx instanceof InsideStmtContext i) {
            TerminalNode mode = i.BGP() != null ? i.BGP() : i.OSPF();
            setting(out, Key.INSIDE, i.INSIDE().getSymbol(), ctx, word(mode));
        } else if (ctx instanceof BirdStmtContext b) {
            // The version as written ("1.6", "2"); which versions exist is decided in resolve.
            setting(out, Key.ROUTING, b.BIRD().getSymbol(), ctx, new Value.Word(b.birdVersion().getText(), span(b.birdVersion())));
        } else if (ctx instanceof RoutingStmtContext r) {
            setting(out, Key.ROUTING, r.ROUTING().getSymbol(), ctx, routingChoice(r.routingChoice()));
        } else if (ctx instanceof WireguardStmtContext w) {
            for (WireguardSettingContext s : w.wireguardSetting()) {
                wireguard(s, out);
            }
        } else if (ctx instanceof BgpStmtContext b) {
            for (BgpSettingContext s : b.bgpSetting()) {
                bgp(s, out);
            }
        } else if (ctx instanceof BfdOffStmtContext b) {
            setting(out, Key.BFD_ENABLED, b.BFD().getSymbol(), ctx, new Value.Flag(false, span(b.OFF())));
        } else if (ctx instanceof BfdStmtContext b) {
            setting(out, Key.BFD_ENABLED, b.BFD().getSymbol(), ctx, new Value.Flag(true, span(b.BFD())));
            for (BfdSettingContext s : b.bfdSetting()) {
                if (s instanceof IntervalSettingContext i) {
                    setting(out, Key.BFD_INTERVAL, i.INTERVAL().getSymbol(), s, duration(i.DURATION()));
                } else if (s instanceof MultiplierSettingContext m) {
                    setting(out, Key.BFD_MULTIPLIER, m.MULTIPLIER().getSymbol(), s, number(m.NUMBER()));
                }
            }
        } else if (ctx instanceof FirewallStmtContext f) {
            TerminalNode t = f.ON() != null ? f.ON() : f.OFF();
            setting(out, Key.FIREWALL, f.FIREWALL().getSymbol(), ctx, new Value.Flag(f.ON() != null, span(t)));
        } else if (ctx instanceof ProbeStmtContext p) {
            Token a = p.probeAddress().getStart();
            Value.Family family = a.getType() == VpnParser.IPV6_ADDR ? Value.Family.IPV6 : Value.Family.IPV4;
            setting(out, Key.PROBE, p.PROBE().getSymbol(), ctx, new Value.Address(a.getText(), family, span(a)));
            for (ProbeSettingContext s : p.probeSetting()) {
                if (s instanceof ProbeIntervalSettingContext i) {
                    setting(out, Key.PROBE_INTERVAL, i.INTERVAL().getSymbol(), s, duration(i.DURATION()));
                } else if (s instanceof ProbeDownSettingContext d) {
                    setting(out, Key.PROBE_DOWN, d.DOWN().getSymbol(), s, number(d.NUMBER()));
                } else if (s instanceof ProbeUpSettingContext u) {
                    setting(out, Key.PROBE_UP, u.UP().getSymbol(), s, number(u.NUMBER()));
                }
            }
        } else if (ctx instanceof OspfStmtContext o) {
            for (OspfSettingContext s : o.ospfSetting()) {
                if (s instanceof HelloSettingContext h) {
                    setting(out, Key.OSPF_HELLO, h.HELLO().getSymbol(), s, duration(h.DURATION()));
                } else if (s instanceof DeadSettingContext d) {
                    setting(out, Key.OSPF_DEAD, d.DEAD().getSymbol(), s, duration(d.DURATION()));
                } else if (s instanceof CostSettingContext c) {
                    setting(out, Key.OSPF_COST, c.COST().getSymbol(), s, number(c.NUMBER()));
                }
            }
        }
    }

    private void wireguard(WireguardSettingContext s, List<Statement> out) {
        if (s instanceof MtuSettingContext m) {
            setting(out, Key.MTU, m.MTU().getSymbol(), s, number(m.NUMBER()));
        } else if (s instanceof WgKeepaliveSettingContext k) {
            Value v = k.OFF() != null ? new Value.Flag(false, span(k.OFF())) : duration(k.DURATION());
            setting(out, Key.WG_KEEPALIVE, k.KEEPALIVE().getSymbol(), s, v);
        } else if (s instanceof PskSettingContext p) {
            TerminalNode t = p.ON() != null ? p.ON() : p.OFF();
            setting(out, Key.PSK, p.PSK().getSymbol(), s, new Value.Flag(p.ON() != null, span(t)));
        }
    }

    private void bgp(BgpSettingContext s, List<Statement> out) {
        if (s instanceof HoldSettingContext h) {
            setting(out, Key.BGP_HOLD, h.HOLD().getSymbol(), s, duration(h.DURATION()));
        } else if (s instanceof BgpKeepaliveSettingContext k) {
            setting(out, Key.BGP_KEEPALIVE, k.KEEPALIVE().getSymbol(), s, duration(k.DURATION()));
        } else if (s instanceof PreferenceSettingContext p) {
            setting(out, Key.BGP_PREFERENCE, p.PREFERENCE().getSymbol(), s, number(p.NUMBER()));
        }
    }

    private void host(BlockKind kind, NameContext name, UsesContext uses, HostBodyContext body,
                      ParserRuleContext ctx, List<Statement> out) {
        if (name == null || name.NAME() == null) {
            return;
        }
        out.add(new Statement.Host(kind, name(name), uses(uses), hostBody(body), span(ctx)));
    }

    private void setting(List<Statement> out, Key key, Token keyword, ParserRuleContext ctx, Value value) {
        setting(out, key, span(keyword), ctx, List.of(value));
    }

    private void setting(List<Statement> out, Key key, Span keySpan, ParserRuleContext ctx, Value value) {
        setting(out, key, keySpan, ctx, List.of(value));
    }

    private void setting(List<Statement> out, Key key, Token keyword, ParserRuleContext ctx, List<? extends Value> values) {
        setting(out, key, span(keyword), ctx, values);
    }

    private void setting(List<Statement> out, Key key, Span keySpan, ParserRuleContext ctx, List<? extends Value> values) {
        if (ctx.exception != null || values.stream().anyMatch(Objects::isNull)) {
            return;
        }
        out.add(new Statement.Setting(key, keySpan, List.copyOf(values), span(ctx)));
    }

    private Value.Prefix prefix(PrefixContext ctx) {
        Token t = ctx.getStart();
        Value.Family family = t.getType() == VpnParser.IPV6_PREFIX ? Value.Family.IPV6 : Value.Family.IPV4;
        return new Value.Prefix(t.getText(), family, span(t));
    }

    private Value.Endpoint endpoint(EndpointContext ctx) {
        if (ctx instanceof Ipv6EndpointContext e) {
            return new Value.Endpoint(e.getText(), Value.Family.IPV6, span(ctx));
        }
        if (ctx instanceof Ipv4EndpointContext e) {
            return new Value.Endpoint(e.getText(), Value.Family.IPV4, span(ctx));
        }
        return new Value.Endpoint(ctx.getText(), null, span(ctx));
    }

    private Value.Word ifname(IfnameContext ctx) {
        if (ctx.STRING() != null) {
            return new Value.Word(unquote(ctx.STRING().getText()), span(ctx));
        }
        return new Value.Word(ctx.getText(), span(ctx));
    }

    /**
     * {@code routing frr} as the word {@code frr}, {@code routing bird 1.6} as {@code 1.6} (what
     * {@code bird 1.6} says), {@code routing bird} as {@code 2}: one key, so the most specific of
     * either spelling wins. Which words name a suite is decided in resolve.
     */
    private Value.Word routingChoice(RoutingChoiceContext c) {
        if (c.BIRD() == null) {
            return new Value.Word(c.getText(), span(c));
        }
        return c.birdVersion() == null ? new Value.Word("2", span(c.BIRD()))
                : new Value.Word(c.birdVersion().getText(), span(c.birdVersion()));
    }

    private Value.Word word(TerminalNode node) {
        return new Value.Word(node.getText(), span(node));
    }

    private Value.Number number(TerminalNode node) {
        return new Value.Number(node.getText(), span(node));
    }

    private Value.Duration duration(TerminalNode node) {
        String text = node.getText();
        long millis;
        try {
            millis = text.endsWith("ms")
                    ? Long.parseLong(text.substring(0, text.length() - 2))
                    : Math.multiplyExact(Long.parseLong(text.substring(0, text.length() - 1)), 1000L);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            millis = Long.MAX_VALUE;
        }
        return new Value.Duration(millis, span(node));
    }

    private Name name(NameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private static String unquote(String quoted) {
        String inner = quoted.length() >= 2 && quoted.endsWith("\"") ? quoted.substring(1, quoted.length() - 1) : quoted.substring(1);
        // A loop, not a regex: a regex backtracks by recursion and a 1 MB string overflows the stack.
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() != null && ctx.getStop().getStopIndex() >= ctx.getStart().getStartIndex()
                ? ctx.getStop() : ctx.getStart();
        return spanOf(ctx.getStart(), stop);
    }

    private Span span(TerminalNode node) {
        return span(node.getSymbol());
    }

    private Span span(Token t) {
        return Parser.span(source, t);
    }

    private Span spanOf(Token from, Token to) {
        Span a = span(from);
        Span b = span(to);
        return a.to(b);
    }
}
