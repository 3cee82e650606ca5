package dts

import (
	"fmt"
	"strconv"
	"strings"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokNumber
	tokString
	tokPunct
)

// token is one lexeme. doc is the index into lexer.docs of the doc comment that directly precedes
// it (-1: none), so that the parser can pick up the tags of whatever declaration starts here.
type token struct {
	kind tokKind
	text string // identifier, punctuation, number text, or the decoded string
	line int
	doc  int
}

// doc is one /** … */ comment, reduced to its tags. used records whether a declaration claimed it,
// so that tags in a place the parser does not read are reported instead of lost.
type doc struct {
	tags tags
	line int
	used bool
}

// tags are the facts a doc comment carries; the prose around them is never kept.
type tags struct {
	since, deprecatedSince        string
	deprecated, noServiceWorker   bool
	permissions, platforms        []string
	manifestKeys                  []string
	minManifest, channel, install string
}

func (t tags) empty() bool {
	return t.since == "" && t.deprecatedSince == "" && !t.deprecated && !t.noServiceWorker &&
		len(t.permissions) == 0 && len(t.platforms) == 0 && len(t.manifestKeys) == 0 &&
		t.minManifest == "" && t.channel == "" && t.install == ""
}

// namespaceOnly reports a tag that only makes sense on a namespace, for the error on a member.
func (t tags) namespaceOnly() string {
	switch {
	case t.install != "":
		return "@chrome-install-location"
	}
	return ""
}

type lexer struct {
	src    string
	pos    int
	line   int
	docs   []doc
	toks   []token
	curDoc int
}

// lex splits src into tokens. Comments never become tokens: line and block comments are dropped,
// doc comments are parsed for their tags and attached to the token that follows.
func lex(src string) ([]token, []doc, error) {
	l := &lexer{src: src, line: 1, curDoc: -1}
	for {
		t, err := l.next()
		if err != nil {
			return nil, nil, err
		}
		l.toks = append(l.toks, t)
		if t.kind == tokEOF {
			return l.toks, l.docs, nil
		}
	}
}

func (l *lexer) errf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", l.line, fmt.Sprintf(format, args...))
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.line++
			l.pos++
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
		case strings.HasPrefix(l.src[l.pos:], "//"):
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		case strings.HasPrefix(l.src[l.pos:], "/*"):
			start, line := l.pos, l.line
			end := strings.Index(l.src[l.pos+2:], "*/")
			if end < 0 {
				return token{}, l.errf("unterminated comment")
			}
			body := l.src[start+2 : l.pos+2+end]
			l.line += strings.Count(body, "\n")
			l.pos += 2 + end + 2
			if strings.HasPrefix(body, "*") && body != "*" {
				t, err := parseTags(body[1:], line)
				if err != nil {
					return token{}, err
				}
				l.docs = append(l.docs, doc{tags: t, line: line})
				l.curDoc = len(l.docs) - 1
			}
		default:
			return l.lexToken()
		}
	}
	return token{kind: tokEOF, line: l.line, doc: l.takeDoc()}, nil
}

func (l *lexer) takeDoc() int {
	d := l.curDoc
	l.curDoc = -1
	return d
}

var puncts = []string{"=>", "...", "{", "}", "(", ")", "[", "]", "<", ">", ";", ":", ",", "?", "|", "&", "=", ".", "-"}

func (l *lexer) lexToken() (token, error) {
	c := l.src[l.pos]
	t := token{line: l.line}
	switch {
	case isIdentStart(c):
		start := l.pos
		for l.pos < len(l.src) && (isIdentStart(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
		t.kind, t.text = tokIdent, l.src[start:l.pos]
	case isDigit(c):
		start := l.pos
		for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '.') {
			l.pos++
		}
		t.kind, t.text = tokNumber, l.src[start:l.pos]
		if _, err := strconv.ParseFloat(t.text, 64); err != nil {
			return token{}, l.errf("bad number %q", t.text)
		}
	case c == '"' || c == '\'':
		s, err := l.lexString(c)
		if err != nil {
			return token{}, err
		}
		t.kind, t.text = tokString, s
	default:
		for _, p := range puncts {
			if strings.HasPrefix(l.src[l.pos:], p) {
				l.pos += len(p)
				t.kind, t.text = tokPunct, p
				t.doc = l.takeDoc()
				return t, nil
			}
		}
		return token{}, l.errf("unexpected character %q", c)
	}
	t.doc = l.takeDoc()
	return t, nil
}

// lexString decodes a quoted string. chrome-types only writes plain ASCII strings; backslash
// escapes are accepted in the JSON forms so that a future \" does not break the build.
func (l *lexer) lexString(q byte) (string, error) {
	var b strings.Builder
	l.pos++
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == q:
			l.pos++
			return b.String(), nil
		case c == '\n':
			return "", l.errf("newline in string")
		case c == '\\':
			if l.pos+1 >= len(l.src) {
				return "", l.errf("unterminated string")
			}
			e := l.src[l.pos+1]
			switch e {
			case '\\', '"', '\'', '/':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return "", l.errf("unsupported escape \\%c in string", e)
			}
			l.pos += 2
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return "", l.errf("unterminated string")
}

// ignoredTags carry prose (or documentation-site hints) only.
var ignoredTags = map[string]bool{
	"@param": true, "@returns": true, "@chrome-enum": true, "@chrome-returns-extra": true,
	"@alpha": true,
}

// parseTags reads the tags of a doc comment's body: lines whose first word (after the leading
// "*") is an @tag. Prose lines and inline tags ({@link …}) are skipped; an unknown tag is an
// error, because it may be a fact this extractor would otherwise silently drop.
func parseTags(body string, line int) (tags, error) {
	var t tags
	for i, ln := range strings.Split(body, "\n") {
		ln = strings.TrimSpace(ln)
		ln = strings.TrimSpace(strings.TrimPrefix(ln, "*"))
		if !strings.HasPrefix(ln, "@") {
			continue
		}
		tag, val, _ := strings.Cut(ln, " ")
		val = strings.TrimSpace(val)
		errf := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s %s", line+i, tag, fmt.Sprintf(format, args...))
		}
		version := func() (string, error) {
			if val == "Pending" {
				return val, nil
			}
			v, ok := strings.CutPrefix(val, "Chrome ")
			if !ok || v == "" || strings.Trim(v, "0123456789") != "" {
				return "", errf("wants \"Chrome <n>\" or \"Pending\", not %q", val)
			}
			return v, nil
		}
		word := func() (string, error) {
			if val == "" || strings.ContainsAny(val, " \t") {
				return "", errf("wants one word, not %q", val)
			}
			return val, nil
		}
		var err error
		switch tag {
		case "@since":
			t.since, err = version()
		case "@deprecated":
			t.deprecated = true
		case "@chrome-deprecated-since":
			t.deprecatedSince, err = version()
		case "@chrome-disallow-service-workers":
			t.noServiceWorker = true
		case "@chrome-permission", "@chrome-platform", "@chrome-manifest":
			var w string
			if w, err = word(); err == nil {
				switch tag {
				case "@chrome-permission":
					t.permissions = append(t.permissions, w)
				case "@chrome-platform":
					t.platforms = append(t.platforms, w)
				default:
					t.manifestKeys = append(t.manifestKeys, w)
				}
			}
		case "@chrome-min-manifest":
			t.minManifest, err = word()
		case "@chrome-channel":
			t.channel, err = word()
		case "@chrome-install-location":
			t.install, err = word()
		default:
			if !ignoredTags[tag] {
				return t, errf("is an unknown tag")
			}
		}
		if err != nil {
			return t, err
		}
	}
	return t, nil
}
