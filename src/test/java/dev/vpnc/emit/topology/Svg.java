package dev.vpnc.emit.topology;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The generated SVG parsed by the JDK's XML parser: a parse error fails the test. */
final class Svg {
    static final String NS = "http://www.w3.org/2000/svg";

    final Document doc;

    private Svg(Document doc) {
        this.doc = doc;
    }

    static Svg parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // No DTD, no external entities: the picture must stand alone.
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return new Svg(b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** Elements of the SVG namespace with this local name and class (one of their classes). */
    List<Element> all(String tag, String cls) {
        NodeList nodes = doc.getElementsByTagNameNS(NS, tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cls == null || List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Direct SVG children of {@code parent} with this local name. */
    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && tag.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
