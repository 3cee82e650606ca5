package browser

import (
	"slices"
	"strings"
)

// A script's events option is read with a small JavaScript tokenizer, not a regular expression, so
// that comments, either quote, template literals, whitespace and trailing commas do not matter. It
// reads untrusted files: every loop advances, and strings end at a line break as JavaScript's do.

// jsToken is one token of a script: an identifier, a string literal (its value) or one character of
// punctuation.
type jsToken struct {
	kind byte // 'i' identifier, 's' string literal, 'p' punctuation
	text string
}

// jsTokens splits src into tokens, dropping whitespace and comments. A template literal with
// substitutions (${…}) is punctuation "`", not a string: its value is not known. A '/' that does
// not start a comment is punctuation, so a regular expression literal is read as tokens, and a
// quote inside it starts a string that ends at the end of its line at the latest.
func jsTokens(src string) []jsToken {
	var out []jsToken
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			end := strings.IndexAny(src[i:], "\n\r")
			if end < 0 {
				return out
			}
			i += end
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += 2 + end + 2
		case c == '\'' || c == '"' || c == '`':
			val, n, ok := jsString(src[i:])
			if ok {
				out = append(out, jsToken{'s', val})
			} else {
				out = append(out, jsToken{'p', string(c)})
			}
			i += n
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			out = append(out, jsToken{'i', src[i:j]})
			i = j
		default:
			out = append(out, jsToken{'p', string(c)})
			i++
		}
	}
	return out
}

// jsString reads the string or template literal at the start of s (s[0] is its quote). It returns
// the literal's value, the bytes it spans (at least 1) and whether the value is known: false for an
// unterminated literal or a template with substitutions. Escapes of the quote, the backslash and
// common control characters are decoded; others keep the escaped character.
func jsString(s string) (val string, n int, ok bool) {
	q := s[0]
	var b strings.Builder
	known := true
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, known
		case (c == '\n' || c == '\r') && q != '`':
			return "", i, false
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '\n', '\r':
				// A line continuation adds nothing.
			default:
				b.WriteByte(e)
			}
		case c == '$' && q == '`' && i+1 < len(s) && s[i+1] == '{':
			known = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return "", len(s), false
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// startsGo reports whether a script calls extwasm.start.
func startsGo(src string) bool {
	if !strings.Contains(src, "start") {
		return false
	}
	toks := jsTokens(src)
	for i := range toks {
		if isStartCall(toks, i) {
			return true
		}
	}
	return false
}

// isStartCall reports whether toks[i:] begins with extwasm.start( (or extwasm?.start().
func isStartCall(toks []jsToken, i int) bool {
	if toks[i] != (jsToken{'i', "extwasm"}) {
		return false
	}
	j := i + 1
	if j+1 < len(toks) && toks[j] == (jsToken{'p', "?"}) && toks[j+1] == (jsToken{'p', "."}) {
		j++
	}
	return j+2 < len(toks) && toks[j] == (jsToken{'p', "."}) && toks[j+1] == (jsToken{'i', "start"}) && toks[j+2] == (jsToken{'p', "("})
}

// startEvents returns the names in the events option of a script's extwasm.start calls
// (extwasm.start('worker.wasm', {events: ['alarms.onAlarm']})), in order, without duplicates. When
// no start call holds an events list (the options are a variable), it takes every events: [...]
// list of the script. Only string literals count: other elements are not known before the script
// runs.
func startEvents(src string) []string {
	toks := jsTokens(src)
	var inCalls, anywhere []string
	depth := 0      // bracket depth
	callDepth := -1 // the depth inside the current start call's parentheses, or -1
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == 'p' {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
				if callDepth >= 0 && depth < callDepth {
					callDepth = -1
				}
			}
			continue
		}
		if callDepth < 0 && isStartCall(toks, i) {
			// Step to the call's "(", which opens the call's depth.
			for toks[i].text != "(" {
				i++
			}
			depth++
			callDepth = depth
			continue
		}
		if (t.kind == 'i' || t.kind == 's') && t.text == "events" && i+2 < len(toks) &&
			toks[i+1] == (jsToken{'p', ":"}) && toks[i+2] == (jsToken{'p', "["}) {
			names, end := arrayStrings(toks, i+2)
			if callDepth >= 0 {
				inCalls = appendNew(inCalls, names...)
			} else {
				anywhere = appendNew(anywhere, names...)
			}
			i = end
		}
	}
	if len(inCalls) > 0 {
		return inCalls
	}
	return anywhere
}

// arrayStrings returns the string literals at the top level of the array whose "[" is toks[open],
// and the index of its "]" (or the last token when it is not closed).
func arrayStrings(toks []jsToken, open int) ([]string, int) {
	var out []string
	depth := 0
	for i := open; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == 'p' && (t.text == "(" || t.text == "[" || t.text == "{"):
			depth++
		case t.kind == 'p' && (t.text == ")" || t.text == "]" || t.text == "}"):
			depth--
			if depth == 0 {
				return out, i
			}
		case t.kind == 's' && depth == 1 && isElement(toks, i):
			out = append(out, t.text)
		}
	}
	return out, len(toks) - 1
}

// isElement reports whether the string literal toks[i] inside an array is a whole element (between
// "[" or "," and "," or "]"), not part of an expression ('a' + x).
func isElement(toks []jsToken, i int) bool {
	before, after := toks[i-1], jsToken{}
	if i+1 < len(toks) {
		after = toks[i+1]
	}
	return before.kind == 'p' && (before.text == "[" || before.text == ",") &&
		after.kind == 'p' && (after.text == "]" || after.text == ",")
}

func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
