package chromeclone

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
)

// ErrMalformed is a clone text the simulator did not write; only the model produces clone texts,
// so it marks a bug in the model, never a user's error.
var ErrMalformed = errors.New("chromeclone: malformed clone")

type decoder struct {
	r *Realm
	// transferred gives back the i-th transferred object (DeserializeTransfer).
	transferred func(int) goja.Value
	blobs       string         // the text's blob section
	records     []*goja.Object // the wire's records
	objects     []*goja.Object // the rebuilt objects, by record
}

// Deserialize rebuilds in r's realm the value a Serialize call (in any realm) produced.
func (r *Realm) Deserialize(s string) (v goja.Value, err error) {
	return r.DeserializeTransfer(s, nil)
}

// DeserializeTransfer is Deserialize for postMessage: transferred gives, in r's realm, the object
// SerializeTransfer wrote as its index in the transfer list.
func (r *Realm) DeserializeTransfer(s string, transferred func(int) goja.Value) (v goja.Value, err error) {
	if !IsClone(s) {
		return nil, ErrMalformed
	}
	head, rest, ok := strings.Cut(s[len(Prefix):], ":")
	n, err := strconv.Atoi(head)
	if !ok || err != nil || n < 0 || n > len(rest) {
		return nil, ErrMalformed
	}
	wire, err := chromejson.Deserialize(r.vm, rest[:n])
	if err != nil {
		return nil, err
	}
	blobs := rest[n:]
	top, ok := wire.(*goja.Object)
	if !ok || top.ClassName() != "Array" {
		return nil, ErrMalformed
	}
	count := int(top.Get("length").ToInteger())
	if count < 1 {
		return nil, ErrMalformed
	}
	d := &decoder{r: r, blobs: blobs, records: make([]*goja.Object, count-1), objects: make([]*goja.Object, count-1), transferred: transferred}
	for i := range d.records {
		rec, ok := top.Get(strconv.Itoa(i + 1)).(*goja.Object)
		if !ok {
			return nil, ErrMalformed
		}
		d.records[i] = rec
	}
	exc := r.vm.Try(func() {
		defer func() {
			if p := recover(); p != nil {
				if e, ok := p.(error); ok && errors.Is(e, ErrMalformed) {
					err = e
					return
				}
				panic(p)
			}
		}()
		// Buffers first, as views need them; then every other object, then their contents, so
		// that cycles find their targets.
		for i, rec := range d.records {
			if tag(rec) == "B" {
				d.objects[i] = d.leaf(rec)
			}
		}
		for i, rec := range d.records {
			if d.objects[i] == nil {
				d.objects[i] = d.leaf(rec)
			}
		}
		for i, rec := range d.records {
			d.fill(d.objects[i], rec)
		}
		v = d.value(top.Get("0"))
	})
	if err != nil {
		return nil, err
	}
	if exc != nil {
		return nil, exc
	}
	return v, nil
}

func tag(rec *goja.Object) string { return rec.Get("0").String() }

func at(rec *goja.Object, i int) goja.Value { return rec.Get(strconv.Itoa(i)) }

func length(rec *goja.Object) int { return int(rec.Get("length").ToInteger()) }

func (d *decoder) call(fn goja.Callable, args ...goja.Value) goja.Value {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

func (d *decoder) make(name string, args ...any) *goja.Object {
	return d.call(d.r.make, d.r.vm.ToValue(name), d.r.vm.ToValue(d.r.vm.NewArray(args...))).(*goja.Object)
}

// leaf creates the object of a record; containers are filled later by fill.
func (d *decoder) leaf(rec *goja.Object) *goja.Object {
	vm := d.r.vm
	switch tag(rec) {
	case "O":
		return vm.NewObject()
	case "A":
		a := vm.NewArray()
		_ = a.Set("length", at(rec, 1))
		return a
	case "D":
		return d.make("Date", d.value(at(rec, 1)))
	case "R":
		return d.make("RegExp", at(rec, 1), at(rec, 2))
	case "M":
		return d.make("Map")
	case "S":
		return d.make("Set")
	case "B":
		off, n := int(at(rec, 1).ToInteger()), int(at(rec, 2).ToInteger())
		if off < 0 || n < 0 || off+n > len(d.blobs) {
			panic(ErrMalformed)
		}
		return vm.ToValue(vm.NewArrayBuffer([]byte(d.blobs[off : off+n]))).(*goja.Object)
	case "V":
		buf := d.ref(at(rec, 2))
		return d.make(at(rec, 1).String(), buf, at(rec, 3), at(rec, 4))
	case "E":
		var args []any
		if m := at(rec, 2); !isTagged(m, tagUndefined) {
			args = append(args, m)
		}
		return d.make(at(rec, 1).String(), args...)
	case "X":
		return d.call(d.r.box, d.value(at(rec, 1))).(*goja.Object)
	}
	panic(ErrMalformed)
}

// fill sets the contents of a container record's object.
func (d *decoder) fill(o *goja.Object, rec *goja.Object) {
	n := length(rec)
	switch tag(rec) {
	case "O":
		for i := 1; i+1 < n; i += 2 {
			_ = o.Set(at(rec, i).String(), d.value(at(rec, i+1)))
		}
	case "A":
		for i := 2; i+1 < n; i += 2 {
			_ = o.Set(at(rec, i).String(), d.value(at(rec, i+1)))
		}
	case "M":
		for i := 1; i+1 < n; i += 2 {
			d.call(d.r.mapSet, o, d.value(at(rec, i)), d.value(at(rec, i+1)))
		}
	case "S":
		for i := 1; i < n; i++ {
			d.call(d.r.setAdd, o, d.value(at(rec, i)))
		}
	}
}

func isTagged(v goja.Value, t string) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == "Array" && tag(o) == t
}

func (d *decoder) ref(v goja.Value) *goja.Object {
	o, ok := v.(*goja.Object)
	if !ok {
		panic(ErrMalformed)
	}
	i := int(at(o, 1).ToInteger())
	if i < 0 || i >= len(d.objects) || d.objects[i] == nil {
		panic(ErrMalformed)
	}
	return d.objects[i]
}

func (d *decoder) value(v goja.Value) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return v // string, number, boolean, null
	}
	vm := d.r.vm
	switch tag(o) {
	case tagUndefined:
		return goja.Undefined()
	case tagFloat:
		switch at(o, 1).String() {
		case "NaN":
			return vm.ToValue(math.NaN())
		case "Infinity":
			return vm.ToValue(math.Inf(1))
		case "-Infinity":
			return vm.ToValue(math.Inf(-1))
		case "-0":
			return vm.ToValue(math.Copysign(0, -1))
		}
	case tagBigInt:
		n, ok := new(big.Int).SetString(at(o, 1).String(), 10)
		if ok {
			return vm.ToValue(n)
		}
	case tagRef:
		return d.ref(o)
	case tagTransferred:
		if d.transferred != nil {
			return d.transferred(int(at(o, 1).ToInteger()))
		}
	}
	panic(ErrMalformed)
}
