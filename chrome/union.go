package chrome

import (
	"encoding/json"
	"errors"
)

// Union is a value that Chrome's schema lets be one of several types (a badge color is a CSS
// string or an RGBA array; a menu item id is a string or a number). It holds the value's JSON
// exactly as Chrome sent it or as it will be sent; the generated type that uses it lists the
// alternatives. Make one with UnionOf, read one with As.
type Union struct {
	raw json.RawMessage
	err error
}

// UnionOf is v as a Union (v is one of the alternatives: a string, a []int, a struct …).
func UnionOf(v any) Union {
	raw, err := json.Marshal(v)
	return Union{raw: raw, err: err}
}

// As decodes the value into out, which should be the alternative it is; it is an error when the
// value is of another type.
func (u Union) As(out any) error {
	if u.err != nil {
		return u.err
	}
	if u.raw == nil {
		return errors.New("chrome: empty Union")
	}
	return json.Unmarshal(u.raw, out)
}

// JSON is the value's JSON text (nil for the zero Union).
func (u Union) JSON() json.RawMessage { return u.raw }

// IsZero reports whether u holds no value; optional members of this type are left out then.
func (u Union) IsZero() bool { return u.raw == nil && u.err == nil }

// MarshalJSON writes the value (null for the zero Union).
func (u Union) MarshalJSON() ([]byte, error) {
	if u.err != nil {
		return nil, u.err
	}
	if u.raw == nil {
		return []byte("null"), nil
	}
	return u.raw, nil
}

// UnmarshalJSON keeps the value's JSON.
func (u *Union) UnmarshalJSON(data []byte) error {
	u.raw, u.err = append(json.RawMessage(nil), data...), nil
	return nil
}
