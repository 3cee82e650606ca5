package dom

import (
	"fmt"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// replaceData is the DOM's "replace data" on UTF-16 code units: count units from offset become
// data; count is clamped to the end. It fails with IndexSizeError past the end, in Chromium's words.
func replaceData(s string, offset, count uint32, data string) (string, error) {
	u := utf16.Encode([]rune(s))
	if int64(offset) > int64(len(u)) {
		return "", domErr("IndexSizeError", fmt.Sprintf("The offset %d is greater than the node's length (%d).", offset, len(u)))
	}
	end := int64(offset) + int64(count)
	if end > int64(len(u)) {
		end = int64(len(u))
	}
	out := append(append(append([]uint16(nil), u[:offset]...), utf16.Encode([]rune(data))...), u[end:]...)
	return string(utf16.Decode(out)), nil
}

// substringData is the DOM's "substring data" on UTF-16 code units.
func substringData(s string, offset, count uint32) (string, error) {
	u := utf16.Encode([]rune(s))
	if int64(offset) > int64(len(u)) {
		return "", domErr("IndexSizeError", fmt.Sprintf("The offset %d is greater than the node's length (%d).", offset, len(u)))
	}
	end := int64(offset) + int64(count)
	if end > int64(len(u)) {
		end = int64(len(u))
	}
	return string(utf16.Decode(u[offset:end])), nil
}

// toUint32 converts as WebIDL's unsigned long does: modulo 2^32, so -1 is 4294967295.
func toUint32(v goja.Value) uint32 { return uint32(v.ToInteger()) }

// characterDataMethods adds CharacterData's operations on its data, counted in UTF-16 code units
// as JavaScript strings are.
func (b *Binding) characterDataMethods(cd *iface) {
	edit := func(name string, n Node, offset, count uint32, data string) {
		d, _ := characterData(n)
		out, err := replaceData(d, offset, count, data)
		b.fail(err, name, "CharacterData")
		setCharacterData(n, out)
	}
	method(cd, "appendData", 1, func(n Node, c goja.FunctionCall) goja.Value {
		d, _ := characterData(n)
		setCharacterData(n, d+b.str(c.Argument(0)))
		return nil
	})
	method(cd, "insertData", 2, func(n Node, c goja.FunctionCall) goja.Value {
		edit("insertData", n, toUint32(c.Argument(0)), 0, b.str(c.Argument(1)))
		return nil
	})
	method(cd, "deleteData", 2, func(n Node, c goja.FunctionCall) goja.Value {
		edit("deleteData", n, toUint32(c.Argument(0)), toUint32(c.Argument(1)), "")
		return nil
	})
	method(cd, "replaceData", 3, func(n Node, c goja.FunctionCall) goja.Value {
		edit("replaceData", n, toUint32(c.Argument(0)), toUint32(c.Argument(1)), b.str(c.Argument(2)))
		return nil
	})
	method(cd, "substringData", 2, func(n Node, c goja.FunctionCall) goja.Value {
		d, _ := characterData(n)
		out, err := substringData(d, toUint32(c.Argument(0)), toUint32(c.Argument(1)))
		b.fail(err, "substringData", "CharacterData")
		return b.vm.ToValue(out)
	})
}
