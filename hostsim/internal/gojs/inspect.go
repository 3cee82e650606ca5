package gojs

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
)

// Inspect reads the import, export and producers sections of a WebAssembly binary, and finds
// the Go version that built it (debug/buildinfo cannot read wasm). It never panics on bad input.
func Inspect(wasm []byte) (Info, error) {
	var info Info
	if len(wasm) < 8 || !bytes.Equal(wasm[:4], []byte("\x00asm")) {
		return info, errors.New("missing the \\0asm magic number")
	}
	if !bytes.Equal(wasm[4:8], []byte{1, 0, 0, 0}) {
		return info, fmt.Errorf("unsupported binary version % x", wasm[4:8])
	}
	r := &reader{b: wasm, off: 8}
	for r.off < len(r.b) {
		id, err := r.byte()
		if err != nil {
			return info, err
		}
		size, err := r.u32()
		if err != nil {
			return info, err
		}
		if uint64(size) > uint64(len(r.b)-r.off) {
			return info, fmt.Errorf("section %d at offset %d: size %d past the end", id, r.off, size)
		}
		sec := &reader{b: r.b[r.off : r.off+int(size)], base: r.off}
		r.off += int(size)
		switch id {
		case 0:
			if err := inspectCustom(sec, &info); err != nil {
				return info, err
			}
		case 2:
			if err := inspectImports(sec, &info); err != nil {
				return info, err
			}
		case 7:
			if err := inspectExports(sec, &info); err != nil {
				return info, err
			}
		}
	}
	if info.GoVersion == "" {
		info.GoVersion = scanVersion(wasm)
	}
	return info, nil
}

// versionRE matches runtime.buildVersion as stored in the data section: NUL-delimited.
var versionRE = regexp.MustCompile(`\x00(go1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)\x00`)

func scanVersion(b []byte) string {
	if m := versionRE.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

func inspectCustom(r *reader, info *Info) error {
	name, err := r.name()
	if err != nil || name != "producers" {
		return nil // unknown or damaged custom sections are ignored, as engines do
	}
	n, err := r.u32()
	if err != nil {
		return nil
	}
	for i := uint32(0); i < n; i++ {
		field, err := r.name()
		if err != nil {
			return nil
		}
		m, err := r.u32()
		if err != nil {
			return nil
		}
		for j := uint32(0); j < m; j++ {
			pname, err1 := r.name()
			pver, err2 := r.name()
			if err1 != nil || err2 != nil {
				return nil
			}
			if field == "language" && pname == "Go" && release(pver) != "" {
				info.GoVersion = pver
			}
		}
	}
	return nil
}

func inspectImports(r *reader, info *Info) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	for i := uint32(0); i < n; i++ {
		mod, err := r.name()
		if err != nil {
			return err
		}
		if _, err := r.name(); err != nil {
			return err
		}
		kind, err := r.byte()
		if err != nil {
			return err
		}
		switch kind {
		case 0: // function: type index
			_, err = r.u32()
		case 1: // table: reftype, limits
			if _, err = r.byte(); err == nil {
				err = r.limits()
			}
		case 2: // memory: limits
			err = r.limits()
		case 3: // global: valtype, mutability
			if _, err = r.byte(); err == nil {
				_, err = r.byte()
			}
		case 4: // tag: attribute, type index
			if _, err = r.byte(); err == nil {
				_, err = r.u32()
			}
		default:
			return fmt.Errorf("import %d: unknown kind %d at offset %d", i, kind, r.pos())
		}
		if err != nil {
			return err
		}
		switch mod {
		case "gojs":
			info.ImportModule = "gojs"
		case "go":
			if info.ImportModule == "" {
				info.ImportModule = "go"
			}
		case "wasi_snapshot_preview1", "wasi_unstable":
			info.WASI = true
		}
	}
	return nil
}

func inspectExports(r *reader, info *Info) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	for i := uint32(0); i < n; i++ {
		name, err := r.name()
		if err != nil {
			return err
		}
		if _, err := r.byte(); err != nil {
			return err
		}
		if _, err := r.u32(); err != nil {
			return err
		}
		info.Exports = append(info.Exports, name)
	}
	return nil
}

type reader struct {
	b    []byte
	off  int
	base int
}

var errEOF = errors.New("unexpected end of section")

func (r *reader) pos() int { return r.base + r.off }

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, fmt.Errorf("offset %d: %w", r.pos(), errEOF)
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

// u32 reads an unsigned LEB128 of at most 5 bytes.
func (r *reader) u32() (uint32, error) {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			if v > 0xffffffff {
				return 0, fmt.Errorf("offset %d: LEB128 overflows u32", r.pos())
			}
			return uint32(v), nil
		}
	}
	return 0, fmt.Errorf("offset %d: LEB128 too long", r.pos())
}

func (r *reader) u64() error {
	for i := 0; i < 10; i++ {
		c, err := r.byte()
		if err != nil {
			return err
		}
		if c&0x80 == 0 {
			return nil
		}
	}
	return fmt.Errorf("offset %d: LEB128 too long", r.pos())
}

func (r *reader) name() (string, error) {
	n, err := r.u32()
	if err != nil {
		return "", err
	}
	if uint64(n) > uint64(len(r.b)-r.off) {
		return "", fmt.Errorf("offset %d: name of %d bytes past the end", r.pos(), n)
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s, nil
}

func (r *reader) limits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if err := r.u64(); err != nil {
		return err
	}
	if flags&1 != 0 {
		return r.u64()
	}
	return nil
}
