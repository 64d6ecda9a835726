package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// esc escapes s for XML text and attribute values (quotes, tabs and line
// breaks included; characters XML cannot hold become U+FFFD).
func esc(s string) string {
	var b xmlBuilder
	_ = xml.EscapeText(&b, []byte(s))
	return string(b)
}

type xmlBuilder []byte

func (b *xmlBuilder) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

// writeGraphML writes GraphML (graphml.graphdrawing.org): one directed
// graph, a <key> per attribute, a node per actor and an edge per
// relationship, parallel edges kept (each has its relationship's id).
func writeGraphML(out io.Writer, src Source) error {
	w := bufio.NewWriterSize(out, 1<<16)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	w.WriteString(`  <key id="n_label" for="node" attr.name="label" attr.type="string"/>` + "\n")
	for _, a := range nodeAttrs {
		fmt.Fprintf(w, "  <key id=\"n_%s\" for=\"node\" attr.name=%q attr.type=%q/>\n", a.name, a.name, a.xmlType)
	}
	for _, a := range edgeAttrs {
		fmt.Fprintf(w, "  <key id=\"e_%s\" for=\"edge\" attr.name=%q attr.type=%q/>\n", a.name, a.name, a.xmlType)
	}
	w.WriteString(`  <graph id="actorgraph" edgedefault="directed">` + "\n")
	err := src.Actors(func(a actorgraph.Actor) error {
		fmt.Fprintf(w, "    <node id=\"%s\">\n      <data key=\"n_label\">%s</data>\n", esc(a.ID), esc(label(&a)))
		for _, at := range nodeAttrs {
			if v, ok := at.value(&a); ok {
				fmt.Fprintf(w, "      <data key=\"n_%s\">%s</data>\n", at.name, esc(v))
			}
		}
		w.WriteString("    </node>\n")
		return nil
	})
	if err != nil {
		return err
	}
	err = src.Relationships(func(r actorgraph.Relationship) error {
		if r.OneActor() {
			return nil
		}
		fmt.Fprintf(w, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", esc(r.ID), esc(r.From), esc(r.To))
		for _, at := range edgeAttrs {
			if v, ok := at.value(&r); ok {
				fmt.Fprintf(w, "      <data key=\"e_%s\">%s</data>\n", at.name, esc(v))
			}
		}
		w.WriteString("    </edge>\n")
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteString("  </graph>\n</graphml>\n")
	return w.Flush()
}

// writeGEXF writes GEXF 1.3 (gexf.net): a directed, dynamic graph whose
// time is the date (timeformat="date"); each dated edge lives on its
// relationship's day (start = end = the date), undated edges always.
// Attributes are declared in <attributes> and given as <attvalues>.
func writeGEXF(out io.Writer, src Source) error {
	w := bufio.NewWriterSize(out, 1<<16)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>actorgraph</creator>
    <description>actors and the evidenced relationships between them</description>
  </meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node">
`)
	for i, a := range nodeAttrs {
		fmt.Fprintf(w, "      <attribute id=\"%d\" title=%q type=%q/>\n", i, a.name, gexfType(a.xmlType))
	}
	w.WriteString("    </attributes>\n    <attributes class=\"edge\">\n")
	for i, a := range edgeAttrs {
		fmt.Fprintf(w, "      <attribute id=\"%d\" title=%q type=%q/>\n", i, a.name, gexfType(a.xmlType))
	}
	w.WriteString("    </attributes>\n    <nodes>\n")
	err := src.Actors(func(a actorgraph.Actor) error {
		fmt.Fprintf(w, "      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", esc(a.ID), esc(label(&a)))
		for i, at := range nodeAttrs {
			if v, ok := at.value(&a); ok {
				fmt.Fprintf(w, "          <attvalue for=\"%d\" value=\"%s\"/>\n", i, esc(v))
			}
		}
		w.WriteString("        </attvalues>\n      </node>\n")
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteString("    </nodes>\n    <edges>\n")
	err = src.Relationships(func(r actorgraph.Relationship) error {
		if r.OneActor() {
			return nil
		}
		fmt.Fprintf(w, "      <edge id=\"%s\" source=\"%s\" target=\"%s\" label=\"%s\"", esc(r.ID), esc(r.From), esc(r.To), esc(string(r.Type)))
		if d := dateOf(&r); d != "" {
			fmt.Fprintf(w, " start=\"%s\" end=\"%s\"", d, d)
		}
		w.WriteString(">\n        <attvalues>\n")
		for i, at := range edgeAttrs {
			if v, ok := at.value(&r); ok {
				fmt.Fprintf(w, "          <attvalue for=\"%d\" value=\"%s\"/>\n", i, esc(v))
			}
		}
		w.WriteString("        </attvalues>\n      </edge>\n")
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return w.Flush()
}

// gexfType is GEXF's name of a GraphML attribute type.
func gexfType(graphml string) string {
	if graphml == "int" {
		return "integer"
	}
	return graphml
}
