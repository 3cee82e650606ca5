package wasmjs_test

import "bytes"

// A few helpers to hand-assemble small WebAssembly binaries: just the sections the tests need.

const (
	i32 = 0x7f

	opBlock       = 0x02
	opEnd         = 0x0b
	opBrIf        = 0x0d
	opCall        = 0x10
	opDrop        = 0x1a
	opLocalGet    = 0x20
	opLocalSet    = 0x21
	opLocalTee    = 0x22
	opGlobalGet   = 0x23
	opGlobalSet   = 0x24
	opI32Load8U   = 0x2d
	opI32Store8   = 0x3a
	opMemorySize  = 0x3f
	opMemoryGrow  = 0x40
	opI32Const    = 0x41
	opI32LeU      = 0x4d
	opI32Add      = 0x6a
	opI32Sub      = 0x6b
	opI32Shl      = 0x74
	opI32ShrU     = 0x76
	blockTypeVoid = 0x40
)

// uleb encodes v as unsigned LEB128.
func uleb(v uint32) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			out = append(out, b|0x80)
			continue
		}
		return append(out, b)
	}
}

// sleb encodes v as signed LEB128 (the immediate of i32.const).
func sleb(v int32) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 && b&0x40 == 0 || v == -1 && b&0x40 != 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

func i32Const(v int32) []byte { return append([]byte{opI32Const}, sleb(v)...) }

func name(s string) []byte { return append(uleb(uint32(len(s))), s...) }

func vec(items ...[]byte) []byte {
	return append(uleb(uint32(len(items))), bytes.Join(items, nil)...)
}

func section(id byte, body []byte) []byte {
	return append(append([]byte{id}, uleb(uint32(len(body)))...), body...)
}

// funcType is (params) -> (results), all i32.
func funcType(params, results int) []byte {
	b := append([]byte{0x60}, uleb(uint32(params))...)
	b = append(b, bytes.Repeat([]byte{i32}, params)...)
	b = append(b, uleb(uint32(results))...)
	return append(b, bytes.Repeat([]byte{i32}, results)...)
}

// wasmFunc is a defined function: its type index, how many extra i32 locals it has and its code.
type wasmFunc struct {
	typ    uint32
	locals uint32
	code   [][]byte
}

func (f wasmFunc) body() []byte {
	var b []byte
	if f.locals > 0 {
		b = append(vec(append(uleb(f.locals), i32)), bytes.Join(f.code, nil)...)
	} else {
		b = append(vec(), bytes.Join(f.code, nil)...)
	}
	b = append(b, opEnd)
	return append(uleb(uint32(len(b))), b...)
}

// wasmModule assembles a module from its parts; every import is a function, every global an
// i32 variable with its initial value, and the memory (min pages) is exported as memName.
type wasmModule struct {
	types   [][]byte
	imports [][3]any // module, name, type index
	funcs   []wasmFunc
	memMin  uint32
	memName string
	globals []int32
	exports []export // function exports
}

// export names a function by its index (imports count first).
type export struct {
	name string
	fn   uint32
}

func (m wasmModule) bytes() []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, section(1, vec(m.types...))...)
	if len(m.imports) > 0 {
		var im [][]byte
		for _, i := range m.imports {
			im = append(im, bytes.Join([][]byte{name(i[0].(string)), name(i[1].(string)), {0}, uleb(i[2].(uint32))}, nil))
		}
		b = append(b, section(2, vec(im...))...)
	}
	var fs [][]byte
	for _, f := range m.funcs {
		fs = append(fs, uleb(f.typ))
	}
	b = append(b, section(3, vec(fs...))...)
	b = append(b, section(5, vec(append([]byte{0}, uleb(m.memMin)...)))...)
	if len(m.globals) > 0 {
		var gs [][]byte
		for _, g := range m.globals {
			gs = append(gs, bytes.Join([][]byte{{i32, 1}, i32Const(g), {opEnd}}, nil))
		}
		b = append(b, section(6, vec(gs...))...)
	}
	ex := [][]byte{bytes.Join([][]byte{name(m.memName), {2}, uleb(0)}, nil)}
	for _, e := range m.exports {
		ex = append(ex, bytes.Join([][]byte{name(e.name), {0}, uleb(e.fn)}, nil))
	}
	b = append(b, section(7, vec(ex...))...)
	var code [][]byte
	for _, f := range m.funcs {
		code = append(code, f.body())
	}
	return append(b, section(10, vec(code...))...)
}
