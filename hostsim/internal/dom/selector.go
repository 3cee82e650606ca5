package dom

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The selector engine implements the subset of Selectors Level 4 that
// form-fill scripts and fixtures use: type and universal selectors, #id,
// .class, attribute selectors with every operator and the i/s flags,
// :not() :is() :where() :first-child :last-child :only-child :checked
// :disabled :enabled :empty :root :scope, pseudo-elements (which never
// match an element), the four combinators and selector lists.
// Anything else is a SyntaxError, as querySelector reports it.

// Selector is a parsed selector list.
type Selector struct {
	list []complexSel
}

type complexSel struct {
	parts []compound // left to right
	combs []byte     // combs[i] joins parts[i] and parts[i+1]: ' ', '>', '+', '~'
}

type compound struct {
	tag    string // lower-cased; "" or "*" matches any
	simple []simpleSel
}

type simpleKind int

const (
	selID simpleKind = iota
	selClass
	selAttr
	selPseudo
	selPseudoElement
)

type simpleSel struct {
	kind  simpleKind
	name  string // id, class, attribute name (lower-cased) or pseudo-class
	op    string // attribute operator: "" (presence), "=", "~=", "|=", "^=", "$=", "*="
	value string
	ci    bool // attribute value compared case-insensitively
	cs    bool // the s flag: case-sensitive even for legacy attributes
	list  *Selector
}

// ParseSelector parses a selector list. The error is a *DOMError named
// SyntaxError.
func ParseSelector(s string) (*Selector, error) {
	p := &selParser{src: s}
	sel, ok := p.list(false)
	if !ok || p.pos < len(p.src) {
		return nil, domErr("SyntaxError", "'"+s+"' is not a valid selector.")
	}
	return sel, nil
}

type selParser struct {
	src string
	pos int
}

func (p *selParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *selParser) eof() bool { return p.pos >= len(p.src) }

func (p *selParser) skipSpace() bool {
	start := p.pos
	for !p.eof() && isSpaceByte(p.src[p.pos]) {
		p.pos++
	}
	return p.pos > start
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// list parses complex selectors separated by commas; inside parentheses
// it stops at ')'.
func (p *selParser) list(nested bool) (*Selector, bool) {
	sel := &Selector{}
	for {
		p.skipSpace()
		c, ok := p.complex()
		if !ok {
			return nil, false
		}
		sel.list = append(sel.list, c)
		p.skipSpace()
		if p.peek() == ',' {
			p.pos++
			continue
		}
		if p.eof() || (nested && p.peek() == ')') {
			return sel, true
		}
		return nil, false
	}
}

func (p *selParser) complex() (complexSel, bool) {
	var c complexSel
	first, ok := p.compound()
	if !ok {
		return c, false
	}
	c.parts = append(c.parts, first)
	for {
		sp := p.skipSpace()
		comb := byte(0)
		switch p.peek() {
		case '>', '+', '~':
			comb = p.peek()
			p.pos++
			p.skipSpace()
		case ',', ')', 0:
			return c, true
		default:
			if !sp {
				return c, false
			}
			comb = ' '
		}
		next, ok := p.compound()
		if !ok {
			return c, false
		}
		c.combs = append(c.combs, comb)
		c.parts = append(c.parts, next)
	}
}

func (p *selParser) compound() (compound, bool) {
	var c compound
	if p.peek() == '*' {
		p.pos++
		c.tag = "*"
	} else if p.identStart() {
		c.tag = asciiLower(p.ident())
	}
	if p.peek() == '|' {
		return c, false // namespace prefixes are not supported
	}
	for {
		switch p.peek() {
		case '#':
			p.pos++
			if !p.identChar() {
				return c, false
			}
			c.simple = append(c.simple, simpleSel{kind: selID, name: p.ident()})
		case '.':
			p.pos++
			if !p.identStart() {
				return c, false
			}
			c.simple = append(c.simple, simpleSel{kind: selClass, name: p.ident()})
		case '[':
			p.pos++
			s, ok := p.attr()
			if !ok {
				return c, false
			}
			c.simple = append(c.simple, s)
		case ':':
			p.pos++
			s, ok := p.pseudo()
			if !ok {
				return c, false
			}
			c.simple = append(c.simple, s)
		default:
			return c, c.tag != "" || len(c.simple) > 0
		}
	}
}

func (p *selParser) attr() (simpleSel, bool) {
	s := simpleSel{kind: selAttr}
	p.skipSpace()
	if !p.identStart() {
		return s, false
	}
	s.name = asciiLower(p.ident())
	p.skipSpace()
	if p.eof() || p.peek() == ']' {
		p.pos++
		return s, true
	}
	switch p.peek() {
	case '=':
		s.op = "="
		p.pos++
	case '~', '|', '^', '$', '*':
		if p.pos+1 >= len(p.src) || p.src[p.pos+1] != '=' {
			return s, false
		}
		s.op = p.src[p.pos : p.pos+2]
		p.pos += 2
	default:
		return s, false
	}
	p.skipSpace()
	switch {
	case p.peek() == '"' || p.peek() == '\'':
		v, ok := p.str()
		if !ok {
			return s, false
		}
		s.value = v
	case p.identStart():
		s.value = p.ident()
	default:
		return s, false
	}
	p.skipSpace()
	if p.identStart() {
		switch asciiLower(p.ident()) {
		case "i":
			s.ci = true
		case "s":
			s.cs = true
		default:
			return s, false
		}
		p.skipSpace()
	}
	if p.eof() {
		return s, true // CSS closes blocks left open at the end of input
	}
	if p.peek() != ']' {
		return s, false
	}
	p.pos++
	return s, true
}

var simplePseudo = map[string]bool{
	"first-child": true, "last-child": true, "only-child": true, "checked": true,
	"disabled": true, "enabled": true, "empty": true, "root": true, "scope": true,
}

var pseudoElements = map[string]bool{
	"before": true, "after": true, "first-line": true, "first-letter": true,
	"marker": true, "placeholder": true, "selection": true, "backdrop": true,
}

func (p *selParser) pseudo() (simpleSel, bool) {
	if p.peek() == ':' {
		p.pos++
		if !p.identStart() {
			return simpleSel{}, false
		}
		name := asciiLower(p.ident())
		return simpleSel{kind: selPseudoElement, name: name}, pseudoElements[name]
	}
	if !p.identStart() {
		return simpleSel{}, false
	}
	name := asciiLower(p.ident())
	if p.peek() != '(' {
		if simplePseudo[name] {
			return simpleSel{kind: selPseudo, name: name}, true
		}
		// The legacy single-colon forms of the CSS2 pseudo-elements.
		if name == "before" || name == "after" || name == "first-line" || name == "first-letter" {
			return simpleSel{kind: selPseudoElement, name: name}, true
		}
		return simpleSel{}, false
	}
	p.pos++
	switch name {
	case "not", "is", "where":
	default:
		return simpleSel{}, false
	}
	inner, ok := p.list(true)
	if !ok {
		return simpleSel{}, false
	}
	if !p.eof() {
		p.pos++ // the ')'
	}
	return simpleSel{kind: selPseudo, name: name, list: inner}, true
}

// identStart reports whether an identifier starts here (CSS Syntax §4.3.9).
func (p *selParser) identStart() bool {
	rest := p.src[p.pos:]
	if rest == "" {
		return false
	}
	c := rest[0]
	if c == '-' {
		if len(rest) < 2 {
			return false
		}
		c2 := rest[1]
		return c2 == '-' || isNameStart(c2) || (c2 == '\\' && len(rest) > 2 && rest[2] != '\n')
	}
	if c == '\\' {
		return len(rest) > 1 && rest[1] != '\n'
	}
	return isNameStart(c)
}

func (p *selParser) identChar() bool {
	if p.eof() {
		return false
	}
	c := p.src[p.pos]
	return isNameChar(c) || (c == '\\' && p.pos+1 < len(p.src) && p.src[p.pos+1] != '\n')
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' || c == '-' }

// ident consumes a name, decoding escapes.
func (p *selParser) ident() string {
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == '\\':
			if p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n' {
				return b.String()
			}
			p.pos++
			b.WriteRune(p.escape())
		case isNameChar(c):
			if c >= 0x80 {
				r, n := utf8.DecodeRuneInString(p.src[p.pos:])
				b.WriteRune(r)
				p.pos += n
			} else {
				b.WriteByte(c)
				p.pos++
			}
		default:
			return b.String()
		}
	}
	return b.String()
}

// escape decodes what follows a backslash: up to six hex digits (and one
// whitespace), or one literal character; at end of input it is U+FFFD.
func (p *selParser) escape() rune {
	if p.eof() {
		return utf8.RuneError
	}
	start := p.pos
	for p.pos < len(p.src) && p.pos-start < 6 && isHex(p.src[p.pos]) {
		p.pos++
	}
	if p.pos > start {
		v, _ := strconv.ParseUint(p.src[start:p.pos], 16, 32)
		if p.pos < len(p.src) && isSpaceByte(p.src[p.pos]) {
			p.pos++
		}
		if v == 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
			return utf8.RuneError
		}
		return rune(v)
	}
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += n
	return r
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// str consumes a quoted string; an unescaped newline is an error, and the
// end of input closes it.
func (p *selParser) str() (string, bool) {
	quote := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == quote:
			p.pos++
			return b.String(), true
		case c == '\n':
			return "", false
		case c == '\\':
			p.pos++
			if p.eof() {
				return b.String(), true
			}
			if p.src[p.pos] == '\n' {
				p.pos++
				continue
			}
			b.WriteRune(p.escape())
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return b.String(), true
}

// caseInsensitiveAttrs are the HTML attributes whose values attribute
// selectors compare ASCII case-insensitively on HTML elements.
var caseInsensitiveAttrs = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`accept accept-charset align alink axis bgcolor charset checked
		clear codetype color compact declare defer dir direction disabled enctype face frame hreflang
		http-equiv lang language link media method multiple nohref noresize noshade nowrap readonly
		rel rev rules scope scrolling selected shape target text type valign valuetype vlink`) {
		caseInsensitiveAttrs[a] = true
	}
}

// Match reports whether e matches the selector; scope is what :scope
// means (nil: the root element).
func (s *Selector) Match(e *Element, scope *Element) bool {
	for _, c := range s.list {
		if c.match(e, len(c.parts)-1, scope) {
			return true
		}
	}
	return false
}

func (c *complexSel) match(e *Element, i int, scope *Element) bool {
	if !c.parts[i].match(e, scope) {
		return false
	}
	if i == 0 {
		return true
	}
	switch c.combs[i-1] {
	case '>':
		p := ParentElement(e)
		return p != nil && c.match(p, i-1, scope)
	case ' ':
		for p := ParentElement(e); p != nil; p = ParentElement(p) {
			if c.match(p, i-1, scope) {
				return true
			}
		}
	case '+':
		p := prevElement(e)
		return p != nil && c.match(p, i-1, scope)
	case '~':
		for p := prevElement(e); p != nil; p = prevElement(p) {
			if c.match(p, i-1, scope) {
				return true
			}
		}
	}
	return false
}

func prevElement(n Node) *Element {
	for s := PreviousSibling(n); s != nil; s = PreviousSibling(s) {
		if e, ok := s.(*Element); ok {
			return e
		}
	}
	return nil
}

func nextElement(n Node) *Element {
	for s := NextSibling(n); s != nil; s = NextSibling(s) {
		if e, ok := s.(*Element); ok {
			return e
		}
	}
	return nil
}

func (c *compound) match(e *Element, scope *Element) bool {
	if c.tag != "" && c.tag != "*" {
		if e.ns == NamespaceHTML {
			if e.local != c.tag {
				return false
			}
		} else if asciiLower(e.local) != c.tag {
			return false
		}
	}
	for i := range c.simple {
		if !c.simple[i].match(e, scope) {
			return false
		}
	}
	return true
}

func (s *simpleSel) match(e *Element, scope *Element) bool {
	switch s.kind {
	case selID:
		v, ok := e.Attr("id")
		return ok && v == s.name
	case selClass:
		return e.HasClass(s.name)
	case selAttr:
		return s.matchAttr(e)
	case selPseudoElement:
		return false
	}
	switch s.name {
	case "not":
		return !s.list.Match(e, scope)
	case "is", "where":
		return s.list.Match(e, scope)
	case "first-child":
		return ParentElement(e) != nil && prevElement(e) == nil
	case "last-child":
		return ParentElement(e) != nil && nextElement(e) == nil
	case "only-child":
		return ParentElement(e) != nil && prevElement(e) == nil && nextElement(e) == nil
	case "checked":
		if e.isHTML("input") {
			t := e.InputType()
			return (t == "checkbox" || t == "radio") && e.Checked()
		}
		return e.isHTML("option") && e.Selected()
	case "disabled":
		return isFormControl(e) && e.Disabled()
	case "enabled":
		return isFormControl(e) && !e.Disabled()
	case "empty":
		for _, c := range e.children {
			switch x := c.(type) {
			case *Element:
				return false
			case *Text:
				if x.data != "" {
					return false
				}
			}
		}
		return true
	case "root":
		_, ok := e.parent.(*Document)
		return ok
	case "scope":
		if scope == nil {
			_, ok := e.parent.(*Document)
			return ok
		}
		return e == scope
	}
	return false
}

func isFormControl(e *Element) bool {
	if e.ns != NamespaceHTML {
		return false
	}
	switch e.local {
	case "button", "input", "select", "textarea", "optgroup", "option", "fieldset":
		return true
	}
	return false
}

func (s *simpleSel) matchAttr(e *Element) bool {
	var val string
	found := false
	for _, a := range e.attrs {
		name := a.Name
		if e.ns == NamespaceHTML {
			name = asciiLower(name)
		}
		if name == s.name || (e.ns != NamespaceHTML && asciiLower(name) == s.name) {
			val, found = a.Value, true
			break
		}
	}
	if !found {
		return false
	}
	want := s.value
	if s.ci || (!s.cs && e.ns == NamespaceHTML && caseInsensitiveAttrs[s.name]) {
		val, want = asciiLower(val), asciiLower(want)
	}
	switch s.op {
	case "":
		return true
	case "=":
		return val == want
	case "~=":
		if want == "" || strings.ContainsFunc(want, isASCIISpace) {
			return false
		}
		for _, t := range strings.FieldsFunc(val, isASCIISpace) {
			if t == want {
				return true
			}
		}
		return false
	case "|=":
		return val == want || strings.HasPrefix(val, want+"-")
	case "^=":
		return want != "" && strings.HasPrefix(val, want)
	case "$=":
		return want != "" && strings.HasSuffix(val, want)
	case "*=":
		return want != "" && strings.Contains(val, want)
	}
	return false
}

// QueryAll returns the descendants of root matching the selector, in tree
// order. For an element root, :scope is that element.
func (s *Selector) QueryAll(root Node) []*Element {
	scope, _ := root.(*Element)
	var out []*Element
	for _, e := range descendants(root) {
		if s.Match(e, scope) {
			out = append(out, e)
		}
	}
	return out
}

// Query returns the first descendant of root matching the selector, or nil.
func (s *Selector) Query(root Node) *Element {
	scope, _ := root.(*Element)
	var found *Element
	for _, c := range root.base().children {
		if found != nil {
			break
		}
		walk(c, func(x Node) bool {
			if found != nil {
				return false
			}
			if e, ok := x.(*Element); ok && s.Match(e, scope) {
				found = e
				return false
			}
			return true
		})
	}
	return found
}

// Query returns the first element under d matching sel.
func (d *Document) Query(sel string) (*Element, error) { return query(d, sel) }

// QueryAll returns every element under d matching sel, in tree order.
func (d *Document) QueryAll(sel string) ([]*Element, error) { return queryAll(d, sel) }

// Query returns the first descendant of e matching sel.
func (e *Element) Query(sel string) (*Element, error) { return query(e, sel) }

// QueryAll returns every descendant of e matching sel, in tree order.
func (e *Element) QueryAll(sel string) ([]*Element, error) { return queryAll(e, sel) }

// Matches reports whether e matches sel.
func (e *Element) Matches(sel string) (bool, error) {
	s, err := ParseSelector(sel)
	if err != nil {
		return false, err
	}
	return s.Match(e, e), nil
}

// Closest returns the nearest inclusive ancestor of e matching sel.
func (e *Element) Closest(sel string) (*Element, error) {
	s, err := ParseSelector(sel)
	if err != nil {
		return nil, err
	}
	for x := e; x != nil; x = ParentElement(x) {
		if s.Match(x, e) {
			return x, nil
		}
	}
	return nil, nil
}

func query(root Node, sel string) (*Element, error) {
	s, err := ParseSelector(sel)
	if err != nil {
		return nil, err
	}
	return s.Query(root), nil
}

func queryAll(root Node, sel string) ([]*Element, error) {
	s, err := ParseSelector(sel)
	if err != nil {
		return nil, err
	}
	return s.QueryAll(root), nil
}
