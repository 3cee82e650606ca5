package chromesim

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// A MessageSender is built for every message, with the sender's whole tab in it. encoding/json
// took a fifth of the model's own allocations per message for it (reflection over a map of
// interfaces, a sorted copy of the keys, an escaping buffer for each string). appendJSON writes the
// few shapes a sender holds by hand, byte for byte as encoding/json would, and leaves everything
// else to encoding/json.

// marshalJSON is json.Marshal(v) with its error ignored, as the sender's fields always were.
func marshalJSON(buf []byte, v any) []byte {
	if out, ok := appendJSON(buf, v); ok {
		return out
	}
	b, _ := json.Marshal(v)
	return append(buf, b...)
}

// appendJSON appends v's encoding/json text to buf, or reports false (buf unchanged in meaning)
// for a value of a shape it does not write itself.
func appendJSON(buf []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case string:
		return appendJSONString(buf, x)
	case bool:
		return strconv.AppendBool(buf, x), true
	case int:
		return strconv.AppendInt(buf, int64(x), 10), true
	case int64:
		return strconv.AppendInt(buf, x, 10), true
	case float64:
		// encoding/json writes %f between 1e-6 and 1e21 (and for 0); the rest, and the values it
		// refuses, are left to it.
		if a := math.Abs(x); math.IsInf(x, 0) || math.IsNaN(x) || (a != 0 && (a < 1e-6 || a >= 1e21)) {
			return buf, false
		}
		return strconv.AppendFloat(buf, x, 'f', -1, 64), true
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			var ok bool
			if buf, ok = appendJSONString(buf, k); !ok {
				return buf, false
			}
			buf = append(buf, ':')
			if buf, ok = appendJSON(buf, x[k]); !ok {
				return buf, false
			}
		}
		return append(buf, '}'), true
	}
	return buf, false
}

// appendJSONString quotes s when encoding/json would write it unchanged between the quotes:
// printable ASCII other than the quote, the backslash and the HTML characters it escapes.
func appendJSONString(buf []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return buf, false
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"'), true
}
