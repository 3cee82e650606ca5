package envelope

import (
	"encoding/json"
	"fmt"
	"sync"
)

// scan validates the JSON grammar of data without building values. It is iterative with an explicit
// stack, so hostile nesting costs memory proportional to maxDepth at most, never Go stack. levels
// outer containers are allowed on top of maxDepth (the envelope's own), and the error names
// maxDepth, the limit the caller set.
func scan(data []byte, maxDepth, levels int) error {
	s := getScanner(data, maxDepth, levels, false)
	defer putScanner(s)
	return s.run()
}

// scanners keeps scanners with their stacks between messages: a scanner's slices grew again for
// every message, and allocation is a large share of a message's cost in wasm.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// getScanner returns a scanner for data, as scan describes maxDepth and levels.
func getScanner(data []byte, maxDepth, levels int, collect bool) *scanner {
	s := scanners.Get().(*scanner)
	*s = scanner{data: data, maxDepth: maxDepth + levels, levels: levels, collect: collect,
		stack: s.stack[:0], keys: s.keys[:0], top: s.top[:0]}
	return s
}

// putScanner returns s to the pool without anything that points into its data; a scanner that
// grew large on a deep or wide message is left to the garbage collector.
func putScanner(s *scanner) {
	if cap(s.stack) > 64 || cap(s.keys) > 256 || cap(s.top) > 16 {
		return
	}
	clear(s.stack[:cap(s.stack)])
	clear(s.keys[:cap(s.keys)])
	clear(s.top[:cap(s.top)])
	s.data = nil
	scanners.Put(s)
}

func (s *scanner) run() error {
	s.ws()
	if err := s.value(); err != nil {
		return err
	}
	s.ws()
	if s.i != len(s.data) {
		return s.fail("data after the top-level value")
	}
	return nil
}

// linearKeys is how many keys an object holds before its duplicate check moves from comparing
// with each earlier key to a map: messages' objects are small, and a map per object was most of
// the scan's allocation.
const linearKeys = 16

type frame struct {
	object   bool
	keyStart int                 // this object's first key in scanner.keys
	keyMap   map[string]struct{} // every key once the object has more than linearKeys
}

// member is one key of the top-level object and the span of its value in the data.
type member struct {
	key        []byte // unescaped
	start, end int
}

type scanner struct {
	data     []byte
	i        int
	maxDepth int
	levels   int
	stack    []frame
	keys     [][]byte // the keys of the open objects, unescaped; each frame owns a tail

	// collect records the top-level object's members in top, so that the envelope's fields are
	// read from the one walk that checks the message.
	collect bool
	top     []member
}

func (s *scanner) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d", ErrInvalid, what, s.i)
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value scans one value; containers are handled by pushing frames and looping here rather than by
// recursion.
func (s *scanner) value() error {
	for {
		if s.i >= len(s.data) {
			return s.fail("unexpected end of input")
		}
		switch c := s.data[s.i]; c {
		case '{', '[':
			if len(s.stack) >= s.maxDepth {
				return s.fail(fmt.Sprintf("nesting deeper than %d", s.maxDepth-s.levels))
			}
			s.i++
			s.stack = append(s.stack, frame{object: c == '{', keyStart: len(s.keys)})
			s.ws()
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			if s.i < len(s.data) && s.data[s.i] == closer {
				s.i++
				s.pop()
				break
			}
			if c == '{' {
				if err := s.key(); err != nil {
					return err
				}
			}
			continue // scan the first element or member value
		case '"':
			if _, err := s.str(); err != nil {
				return err
			}
		case 't':
			if err := s.lit("true"); err != nil {
				return err
			}
		case 'f':
			if err := s.lit("false"); err != nil {
				return err
			}
		case 'n':
			if err := s.lit("null"); err != nil {
				return err
			}
		default:
			if err := s.num(); err != nil {
				return err
			}
		}
		// A value ended: close containers or move to the next element.
		for {
			if len(s.stack) == 0 {
				return nil
			}
			if s.collect && len(s.stack) == 1 && len(s.top) > 0 && s.top[len(s.top)-1].end < 0 {
				s.top[len(s.top)-1].end = s.i
			}
			top := &s.stack[len(s.stack)-1]
			s.ws()
			if s.i >= len(s.data) {
				return s.fail("unexpected end of input")
			}
			c := s.data[s.i]
			if c == ',' {
				s.i++
				s.ws()
				if top.object {
					if err := s.key(); err != nil {
						return err
					}
				}
				break
			}
			if (top.object && c == '}') || (!top.object && c == ']') {
				s.i++
				s.pop()
				continue
			}
			return s.fail(fmt.Sprintf("unexpected %q", c))
		}
	}
}

// key scans `"name" :` inside an object and enforces the key rules.
func (s *scanner) key() error {
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		return s.fail("expected a string key")
	}
	start := s.i
	escaped, err := s.str()
	if err != nil {
		return err
	}
	name := s.data[start+1 : s.i-1]
	if escaped {
		var text string
		if err := json.Unmarshal(s.data[start:s.i], &text); err != nil {
			return s.fail("bad key")
		}
		name = []byte(text)
	}
	if string(name) == "__proto__" {
		return s.fail(`"__proto__" key`)
	}
	if s.duplicate(name) {
		return s.fail(fmt.Sprintf("duplicate key %q", truncate(string(name), 64)))
	}
	s.ws()
	if s.i >= len(s.data) || s.data[s.i] != ':' {
		return s.fail("expected ':'")
	}
	s.i++
	s.ws()
	if s.collect && len(s.stack) == 1 {
		s.top = append(s.top, member{key: name, start: s.i, end: -1})
	}
	return nil
}

// duplicate reports whether the innermost object already has key name, and records it.
func (s *scanner) duplicate(name []byte) bool {
	top := &s.stack[len(s.stack)-1]
	if top.keyMap != nil {
		if _, dup := top.keyMap[string(name)]; dup {
			return true
		}
		top.keyMap[string(name)] = struct{}{}
		return false
	}
	own := s.keys[top.keyStart:]
	for _, k := range own {
		if string(k) == string(name) {
			return true
		}
	}
	if len(own) < linearKeys {
		s.keys = append(s.keys, name)
		return false
	}
	top.keyMap = make(map[string]struct{}, 2*linearKeys)
	for _, k := range own {
		top.keyMap[string(k)] = struct{}{}
	}
	top.keyMap[string(name)] = struct{}{}
	s.keys = s.keys[:top.keyStart]
	return false
}

// pop closes the innermost container and forgets its keys.
func (s *scanner) pop() {
	s.keys = s.keys[:s.stack[len(s.stack)-1].keyStart]
	s.stack = s.stack[:len(s.stack)-1]
}

// str scans a string literal starting at the opening quote and reports whether it had escapes.
func (s *scanner) str() (escaped bool, err error) {
	s.i++ // opening quote
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return escaped, nil
		case c == '\\':
			escaped = true
			s.i++
			if s.i >= len(s.data) {
				return false, s.fail("unterminated escape")
			}
			switch s.data[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				r, err := s.hex4()
				if err != nil {
					return false, err
				}
				switch {
				case r >= 0xDC00 && r <= 0xDFFF:
					return false, s.fail("lone low surrogate in \\u escape")
				case r >= 0xD800 && r <= 0xDBFF:
					// A high surrogate must be followed by the escape of a low one.
					if s.i+1 < len(s.data) && s.data[s.i] == '\\' && s.data[s.i+1] == 'u' {
						s.i++
						lo, err := s.hex4()
						if err != nil {
							return false, err
						}
						if lo >= 0xDC00 && lo <= 0xDFFF {
							break
						}
					}
					return false, s.fail("lone high surrogate in \\u escape")
				}
			default:
				return false, s.fail("bad escape")
			}
		case c < 0x20:
			return false, s.fail("control character in string")
		default:
			s.i++
		}
	}
	return false, s.fail("unterminated string")
}

// hex4 reads the four hex digits of a \u escape; s.i is at the 'u' and ends after the digits.
func (s *scanner) hex4() (rune, error) {
	if s.i+5 > len(s.data) {
		return 0, s.fail("short \\u escape")
	}
	var r rune
	for _, h := range s.data[s.i+1 : s.i+5] {
		if !isHex(h) {
			return 0, s.fail("bad \\u escape")
		}
		r = r<<4 | rune(hexVal(h))
	}
	s.i += 5
	return r, nil
}

func hexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (s *scanner) lit(word string) error {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return s.fail("bad literal")
	}
	s.i += len(word)
	return nil
}

// num scans a number per RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) num() error {
	start := s.i
	if s.peek() == '-' {
		s.i++
	}
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case c >= '1' && c <= '9':
		s.digits()
	default:
		s.i = start
		return s.fail("unexpected character")
	}
	if s.peek() == '.' {
		s.i++
		if !s.digits() {
			return s.fail("bad number")
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if !s.digits() {
			return s.fail("bad number")
		}
	}
	return nil
}

func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

func (s *scanner) peek() byte {
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}
