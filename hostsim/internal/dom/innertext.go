package dom

import "strings"

// There is no layout here, so innerText follows the HTML "rendered text
// collection steps" with the user-agent stylesheet's display values and
// no author CSS: hidden elements drop out, block boxes and <br> give line
// breaks, <p> blank lines, table cells tabs, and whitespace collapses
// outside <pre>/<textarea>.

var hiddenElements = map[string]bool{
	"head": true, "script": true, "style": true, "template": true, "title": true, "meta": true,
	"link": true, "noscript": true, "datalist": true, "base": true, "param": true, "area": true,
	"map": true, "noembed": true, "noframes": true, "rp": true, "dialog": true,
}

var blockElements = map[string]bool{
	"html": true, "body": true, "address": true, "blockquote": true, "center": true, "div": true,
	"figure": true, "figcaption": true, "footer": true, "form": true, "header": true, "hr": true,
	"legend": true, "listing": true, "main": true, "plaintext": true, "pre": true, "xmp": true,
	"details": true, "summary": true, "article": true, "aside": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "hgroup": true, "nav": true, "section": true,
	"dd": true, "dl": true, "dt": true, "menu": true, "ol": true, "ul": true, "li": true,
	"fieldset": true, "table": true, "caption": true, "search": true, "optgroup": true,
}

func (e *Element) notRendered() bool {
	return e.ns == NamespaceHTML && (hiddenElements[e.local] || e.HasAttr("hidden"))
}

type textItem struct {
	s      string
	pre    bool
	breaks int // a required line break count, when s is ""
}

// InnerText is the element's rendered text (see above); for an element that
// is not rendered (detached, or display:none by default) it is textContent.
func (e *Element) InnerText() string {
	if !IsConnected(e) {
		return e.Text()
	}
	for x := e; x != nil; x = ParentElement(x) {
		if x.notRendered() {
			return e.Text()
		}
	}
	var items []textItem
	for _, c := range e.children {
		items = collectText(c, items, e.inPre())
	}
	return joinText(items)
}

func (e *Element) inPre() bool {
	for x := e; x != nil; x = ParentElement(x) {
		if x.isHTML("pre") || x.isHTML("textarea") || x.isHTML("listing") || x.isHTML("xmp") || x.isHTML("plaintext") {
			return true
		}
	}
	return false
}

func collectText(n Node, items []textItem, pre bool) []textItem {
	switch x := n.(type) {
	case *Text:
		s := x.data
		if !pre {
			s = strings.Join(strings.FieldsFunc(s, isASCIISpace), " ")
			if x.data != "" && isASCIISpace(rune(x.data[0])) {
				s = " " + s
			}
			if x.data != "" && isASCIISpace(rune(x.data[len(x.data)-1])) && s != " " {
				s += " "
			}
		}
		if s != "" {
			items = append(items, textItem{s: s, pre: pre})
		}
		return items
	case *Element:
		if x.notRendered() {
			return items
		}
		if x.isHTML("br") {
			return append(items, textItem{s: "\n", pre: true})
		}
		if x.isHTML("input") || x.isHTML("select") || x.isHTML("textarea") {
			return items
		}
		breaks := 0
		if x.isHTML("p") {
			breaks = 2
		} else if x.ns == NamespaceHTML && blockElements[x.local] {
			breaks = 1
		}
		if breaks > 0 {
			items = append(items, textItem{breaks: breaks})
		}
		childPre := pre || x.isHTML("pre") || x.isHTML("listing") || x.isHTML("xmp") || x.isHTML("plaintext")
		for _, c := range x.children {
			items = collectText(c, items, childPre)
		}
		if x.isHTML("td") || x.isHTML("th") {
			if nextElement(x) != nil {
				items = append(items, textItem{s: "\t", pre: true})
			}
		}
		if x.isHTML("tr") && nextRow(x) {
			items = append(items, textItem{breaks: 1})
		}
		if breaks > 0 {
			items = append(items, textItem{breaks: breaks})
		}
	}
	return items
}

// nextRow reports whether a table row is followed by another in its table.
func nextRow(tr *Element) bool {
	if nextElement(tr) != nil {
		return true
	}
	if sec := ParentElement(tr); sec != nil && (sec.isHTML("tbody") || sec.isHTML("thead") || sec.isHTML("tfoot")) {
		for s := nextElement(sec); s != nil; s = nextElement(s) {
			if len(s.Children()) > 0 {
				return true
			}
		}
	}
	return false
}

// joinText drops collapsible spaces at line starts and ends and turns each
// run of required line breaks into that many newlines (none at the ends).
func joinText(items []textItem) string {
	var b strings.Builder
	pending := 0
	lineStart := true
	trailingSpace := false
	for _, it := range items {
		if it.s == "" {
			if it.breaks > pending {
				pending = it.breaks
			}
			continue
		}
		s := it.s
		if pending > 0 && b.Len() > 0 {
			b.WriteString(strings.Repeat("\n", pending))
			lineStart = true
			trailingSpace = false
		}
		pending = 0
		if !it.pre {
			if lineStart || trailingSpace {
				s = strings.TrimLeft(s, " ")
			}
			if s == "" {
				continue
			}
			if trailingSpace {
				b.WriteByte(' ')
			}
			trailingSpace = strings.HasSuffix(s, " ")
			s = strings.TrimRight(s, " ")
		} else {
			if trailingSpace && s != "\n" {
				b.WriteByte(' ')
			}
			trailingSpace = false
		}
		b.WriteString(s)
		lineStart = strings.HasSuffix(s, "\n")
	}
	return b.String()
}

// SetInnerText replaces the children with the text, each line break
// becoming a <br>, as the innerText setter does.
func (e *Element) SetInnerText(s string) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var nodes []Node
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			nodes = append(nodes, e.doc.CreateElement("br"))
		}
		if line != "" {
			nodes = append(nodes, e.doc.CreateTextNode(line))
		}
	}
	_ = e.ReplaceChildren(nodes...)
}
