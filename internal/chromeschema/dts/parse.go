package dts

import (
	"fmt"
	"strconv"
)

// The syntax tree: just enough TypeScript to hold what chrome-types writes. Mapping it to the
// schema (map.go) is a separate pass because names resolve across namespaces declared later.

type nodeKind int

const (
	nName   nodeKind = iota // name, args
	nLit                    // lit (JSON text)
	nArray                  // elem
	nTuple                  // elems, rest
	nUnion                  // elems
	nInter                  // elems
	nFunc                   // params, ret
	nObject                 // members, index
)

// node is a type expression.
type node struct {
	kind    nodeKind
	line    int
	name    string  // nName: dotted name
	args    []*node // nName: type arguments
	lit     string  // nLit: JSON text
	elem    *node   // nArray
	elems   []*node // nTuple, nUnion, nInter
	rest    *node   // nTuple: element type of a trailing ...T[]
	params  []*param
	ret     *node
	members []*member
	index   *node // nObject: value type of [name: string]: T
}

type param struct {
	name     string
	optional bool
	rest     bool
	typ      *node
	doc      int
	line     int
}

// member is a property (typ set), a method (fn set) or a class constructor (ctor).
type member struct {
	name     string
	optional bool
	typ      *node
	fn       *fn
	ctor     []*param
	doc      int
	line     int
}

type typeParam struct {
	name       string
	constraint *node
	def        *node
}

type fn struct {
	name    string
	tparams []typeParam
	params  []*param
	ret     *node
	doc     int
	line    int
}

type declKind int

const (
	dNamespace declKind = iota
	dInterface
	dClass
	dType
	dConst
	dFunc
	dExportAs
)

type decl struct {
	kind     declKind
	name     string
	exported bool
	declare  bool
	mutable  bool // let, not const
	tparams  []typeParam
	extends  []*node
	members  []*member // interface, class
	typ      *node     // type alias, const
	fn       *fn
	decls    []*decl // namespace
	asName   string  // dExportAs: export {name as asName}
	doc      int
	line     int
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 100

type parser struct {
	toks  []token
	docs  []doc
	pos   int
	depth int
}

func (p *parser) tok() token { return p.toks[p.pos] }
func (p *parser) peek(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) advance() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) errf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.tok().line, fmt.Sprintf(format, args...))
}

func (p *parser) is(text string) bool {
	t := p.tok()
	return (t.kind == tokPunct || t.kind == tokIdent) && t.text == text
}

func (p *parser) accept(text string) bool {
	if p.is(text) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) expect(text string) error {
	if !p.accept(text) {
		return p.errf("want %q, found %s", text, describe(p.tok()))
	}
	return nil
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokString:
		return strconv.Quote(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

func (p *parser) ident() (string, error) {
	t := p.tok()
	if t.kind != tokIdent {
		return "", p.errf("want a name, found %s", describe(t))
	}
	p.advance()
	return t.text, nil
}

func (p *parser) dotted() (string, error) {
	name, err := p.ident()
	for err == nil && p.accept(".") {
		var part string
		part, err = p.ident()
		name += "." + part
	}
	return name, err
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errf("nested too deeply")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// claim takes the doc comment attached to the current token.
func (p *parser) claim() int {
	d := p.tok().doc
	if d >= 0 {
		p.docs[d].used = true
	}
	return d
}

// parseFile parses the top level: declare namespace, interface and type declarations.
func (p *parser) parseFile() ([]*decl, error) {
	var out []*decl
	for p.tok().kind != tokEOF {
		d, err := p.parseDecl(true)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (p *parser) parseDecl(top bool) (*decl, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	d := &decl{doc: p.claim(), line: p.tok().line}
	if top && p.accept("declare") {
		d.declare = true
		if !p.is("namespace") {
			return nil, p.errf("unsupported declaration: declare %s", describe(p.tok()))
		}
	}
	if !top && p.accept("export") {
		d.exported = true
		if p.accept("{") {
			var err error
			if d.name, err = p.ident(); err != nil {
				return nil, err
			}
			if err := p.expect("as"); err != nil {
				return nil, err
			}
			if d.asName, err = p.ident(); err != nil {
				return nil, err
			}
			d.kind = dExportAs
			if err := p.expect("}"); err != nil {
				return nil, err
			}
			return d, p.expect(";")
		}
	}
	t := p.tok()
	if t.kind != tokIdent {
		return nil, p.errf("unsupported declaration starting with %s", describe(t))
	}
	var err error
	switch t.text {
	case "namespace":
		p.advance()
		d.kind = dNamespace
		if d.name, err = p.dotted(); err != nil {
			return nil, err
		}
		if err := p.expect("{"); err != nil {
			return nil, err
		}
		for !p.accept("}") {
			if p.tok().kind == tokEOF {
				return nil, p.errf("unterminated namespace %s", d.name)
			}
			sub, err := p.parseDecl(false)
			if err != nil {
				return nil, err
			}
			d.decls = append(d.decls, sub)
		}
		return d, nil
	case "interface", "class":
		p.advance()
		d.kind = dInterface
		if t.text == "class" {
			d.kind = dClass
		}
		if d.name, err = p.ident(); err != nil {
			return nil, err
		}
		if d.tparams, err = p.parseTypeParams(); err != nil {
			return nil, err
		}
		if p.accept("extends") {
			for {
				n, err := p.parseType()
				if err != nil {
					return nil, err
				}
				d.extends = append(d.extends, n)
				if !p.accept(",") {
					break
				}
			}
		}
		d.members, err = p.parseMembers(d.kind == dClass)
		return d, err
	case "type":
		p.advance()
		d.kind = dType
		if d.name, err = p.ident(); err != nil {
			return nil, err
		}
		if d.tparams, err = p.parseTypeParams(); err != nil {
			return nil, err
		}
		if err := p.expect("="); err != nil {
			return nil, err
		}
		if d.typ, err = p.parseType(); err != nil {
			return nil, err
		}
		return d, p.expect(";")
	case "const", "let":
		if top {
			break
		}
		p.advance()
		d.mutable = t.text == "let"
		d.kind = dConst
		if d.name, err = p.ident(); err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		if d.typ, err = p.parseType(); err != nil {
			return nil, err
		}
		return d, p.expect(";")
	case "function":
		if top {
			break
		}
		p.advance()
		d.kind = dFunc
		name, err := p.ident()
		if err != nil {
			return nil, err
		}
		d.name = name
		if d.fn, err = p.parseSignature(name, d.doc, d.line); err != nil {
			return nil, err
		}
		return d, p.expect(";")
	}
	return nil, p.errf("unsupported declaration starting with %s", describe(t))
}

// parseTypeParams reads <T, H extends X, C = void>, if present.
func (p *parser) parseTypeParams() ([]typeParam, error) {
	if !p.accept("<") {
		return nil, nil
	}
	var out []typeParam
	for {
		name, err := p.ident()
		if err != nil {
			return nil, err
		}
		tp := typeParam{name: name}
		if p.accept("extends") {
			if tp.constraint, err = p.parseType(); err != nil {
				return nil, err
			}
		}
		if p.accept("=") {
			if tp.def, err = p.parseType(); err != nil {
				return nil, err
			}
		}
		out = append(out, tp)
		if p.accept(">") {
			return out, nil
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

// parseSignature reads [<T…>] (params): ret, after a function or method name.
func (p *parser) parseSignature(name string, doc, line int) (*fn, error) {
	f := &fn{name: name, doc: doc, line: line}
	var err error
	if f.tparams, err = p.parseTypeParams(); err != nil {
		return nil, err
	}
	if f.params, err = p.parseParams(); err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	f.ret, err = p.parseType()
	return f, err
}

// parseParams reads (a: T, b?: U, ...rest: V), trailing comma allowed.
func (p *parser) parseParams() ([]*param, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var out []*param
	for !p.accept(")") {
		pr := &param{doc: p.claim(), line: p.tok().line}
		pr.rest = p.accept("...")
		var err error
		if pr.name, err = p.ident(); err != nil {
			return nil, err
		}
		pr.optional = p.accept("?")
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		if pr.typ, err = p.parseType(); err != nil {
			return nil, err
		}
		out = append(out, pr)
		if !p.accept(",") && !p.is(")") {
			return nil, p.errf("want \",\" or \")\" in a parameter list, found %s", describe(p.tok()))
		}
	}
	return out, nil
}

// parseMembers reads { … } of an interface, class or object type literal: properties, methods,
// a class's constructor and an index signature, separated by ";" or ",".
func (p *parser) parseMembers(class bool) ([]*member, error) {
	ms, _, err := p.parseBody(class, false)
	return ms, err
}

func (p *parser) parseBody(class, allowIndex bool) ([]*member, *node, error) {
	if err := p.enter(); err != nil {
		return nil, nil, err
	}
	defer p.leave()
	if err := p.expect("{"); err != nil {
		return nil, nil, err
	}
	var (
		out   []*member
		index *node
	)
	for !p.accept("}") {
		m := &member{doc: p.claim(), line: p.tok().line}
		switch {
		case allowIndex && p.is("["):
			p.advance()
			if _, err := p.ident(); err != nil {
				return nil, nil, err
			}
			if err := p.expect(":"); err != nil {
				return nil, nil, err
			}
			if !p.accept("string") {
				return nil, nil, p.errf("unsupported index signature key %s", describe(p.tok()))
			}
			if err := p.expect("]"); err != nil {
				return nil, nil, err
			}
			if err := p.expect(":"); err != nil {
				return nil, nil, err
			}
			if index != nil {
				return nil, nil, p.errf("second index signature")
			}
			var err error
			if index, err = p.parseType(); err != nil {
				return nil, nil, err
			}
			m = nil
		case class && p.is("constructor") && p.peek(1).text == "(":
			p.advance()
			params, err := p.parseParams()
			if err != nil {
				return nil, nil, err
			}
			m.name, m.ctor = "constructor", params
			if m.ctor == nil {
				m.ctor = []*param{}
			}
		default:
			if p.is("readonly") && p.peek(1).kind == tokIdent {
				p.advance()
			}
			t := p.tok()
			if t.kind != tokIdent && t.kind != tokString {
				return nil, nil, p.errf("want a member name, found %s", describe(t))
			}
			p.advance()
			m.name = t.text
			m.optional = p.accept("?")
			var err error
			if p.is("(") || p.is("<") {
				m.fn, err = p.parseSignature(m.name, m.doc, m.line)
			} else if err = p.expect(":"); err == nil {
				m.typ, err = p.parseType()
			}
			if err != nil {
				return nil, nil, err
			}
		}
		if m != nil {
			out = append(out, m)
		}
		if !p.accept(";") && !p.accept(",") && !p.is("}") {
			return nil, nil, p.errf("want \";\", \",\" or \"}\" after a member, found %s", describe(p.tok()))
		}
	}
	return out, index, nil
}

// parseType reads a union of intersections of postfix types.
func (p *parser) parseType() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	line := p.tok().line
	p.accept("|")
	var alts []*node
	for {
		n, err := p.parseInter()
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
		if !p.accept("|") {
			break
		}
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{kind: nUnion, line: line, elems: alts}, nil
}

func (p *parser) parseInter() (*node, error) {
	line := p.tok().line
	var parts []*node
	for {
		n, err := p.parsePostfix()
		if err != nil {
			return nil, err
		}
		parts = append(parts, n)
		if !p.accept("&") {
			break
		}
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return &node{kind: nInter, line: line, elems: parts}, nil
}

func (p *parser) parsePostfix() (*node, error) {
	n, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for p.is("[") && p.peek(1).text == "]" {
		p.advance()
		p.advance()
		n = &node{kind: nArray, line: n.line, elem: n}
	}
	return n, nil
}

// isFuncType tells a function type's parameter list from a parenthesised type, after "(".
func (p *parser) isFuncType() bool {
	t1, t2 := p.peek(1), p.peek(2)
	switch {
	case t1.text == ")" && t1.kind == tokPunct, t1.text == "..." && t1.kind == tokPunct:
		return true
	case t1.kind == tokIdent && t2.kind == tokPunct:
		return t2.text == ":" || t2.text == "?" || t2.text == ","
	}
	return false
}

func (p *parser) parsePrimary() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.tok()
	n := &node{line: t.line}
	switch {
	case t.kind == tokPunct && t.text == "(":
		if p.isFuncType() {
			params, err := p.parseParams()
			if err != nil {
				return nil, err
			}
			if err := p.expect("=>"); err != nil {
				return nil, err
			}
			ret, err := p.parseType()
			if err != nil {
				return nil, err
			}
			n.kind, n.params, n.ret = nFunc, params, ret
			return n, nil
		}
		p.advance()
		inner, err := p.parseType()
		if err != nil {
			return nil, err
		}
		return inner, p.expect(")")
	case t.kind == tokPunct && t.text == "{":
		members, index, err := p.parseBody(false, true)
		if err != nil {
			return nil, err
		}
		n.kind, n.members, n.index = nObject, members, index
		return n, nil
	case t.kind == tokPunct && t.text == "[":
		p.advance()
		n.kind = nTuple
		for !p.accept("]") {
			if p.accept("...") {
				rest, err := p.parsePostfix()
				if err != nil {
					return nil, err
				}
				if rest.kind != nArray {
					return nil, p.errf("tuple rest element must be an array type")
				}
				n.rest = rest.elem
				if err := p.expect("]"); err != nil {
					return nil, err
				}
				break
			}
			e, err := p.parseType()
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, e)
			if !p.accept(",") && !p.is("]") {
				return nil, p.errf("want \",\" or \"]\" in a tuple, found %s", describe(p.tok()))
			}
		}
		return n, nil
	case t.kind == tokString:
		p.advance()
		n.kind, n.lit = nLit, strconv.Quote(t.text)
		return n, nil
	case t.kind == tokNumber:
		p.advance()
		n.kind, n.lit = nLit, t.text
		return n, nil
	case t.kind == tokPunct && t.text == "-" && p.peek(1).kind == tokNumber:
		p.advance()
		n.kind, n.lit = nLit, "-"+p.advance().text
		return n, nil
	case t.kind == tokIdent && (t.text == "true" || t.text == "false"):
		p.advance()
		n.kind, n.lit = nLit, t.text
		return n, nil
	case t.kind == tokIdent:
		name, err := p.dotted()
		if err != nil {
			return nil, err
		}
		n.kind, n.name = nName, name
		if p.accept("<") {
			for {
				a, err := p.parseType()
				if err != nil {
					return nil, err
				}
				n.args = append(n.args, a)
				if p.accept(">") {
					break
				}
				if err := p.expect(","); err != nil {
					return nil, err
				}
			}
		}
		return n, nil
	}
	return nil, p.errf("unsupported type starting with %s", describe(t))
}
