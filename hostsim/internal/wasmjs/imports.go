package wasmjs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// instanceKey carries the *instance whose code is running through the context of every call
// into wasm, so that one shared host module per import module name serves all instances.
type instanceKey struct{}

// errUnwind is the panic value used to leave wasm after a host import failed; the real reason
// is parked in instance.pending and re-raised once the wasm call has returned.
var errUnwind = errors.New("wasmjs: unwinding after a failed import")

func (c *Compiled) buildImports(ctx context.Context) error {
	for _, m := range c.cm.ImportedMemories() {
		mod, name, _ := m.Import()
		c.nonFunc = append(c.nonFunc, mod+"."+name)
	}
	seen := map[[2]string]int{}
	byModule := map[string][]int{}
	for _, def := range c.cm.ImportedFunctions() {
		mod, name, _ := def.Import()
		k := [2]string{mod, name}
		if _, ok := seen[k]; ok {
			continue
		}
		seen[k] = len(c.imports)
		byModule[mod] = append(byModule[mod], len(c.imports))
		c.imports = append(c.imports, importSlot{
			module:  mod,
			name:    name,
			params:  def.ParamTypes(),
			results: def.ResultTypes(),
			clock:   mod == "gojs" && (name == "runtime.nanotime1" || name == "runtime.walltime"),
		})
		if mod == "gojs" {
			c.imports[len(c.imports)-1].native = nativeImports[name]
		}
	}
	mods := make([]string, 0, len(byModule))
	for m := range byModule {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	c.shims = map[string]api.Module{}
	for _, m := range mods {
		b := c.rt.NewHostModuleBuilder(m)
		for _, idx := range byModule[m] {
			s := c.imports[idx]
			b.NewFunctionBuilder().
				WithGoModuleFunction(hostImport(idx), s.params, s.results).
				Export(s.name)
		}
		hc, err := b.Compile(ctx)
		if err != nil {
			return &LinkError{Msg: fmt.Sprintf("module %q: %v", m, err)}
		}
		shim, err := c.rt.InstantiateModule(ctx, hc, wazero.NewModuleConfig().WithName(""))
		if err != nil {
			return &LinkError{Msg: fmt.Sprintf("module %q: %v", m, err)}
		}
		c.shims[m] = shim
	}
	return nil
}

// hostImport returns the wazero host function for import slot idx: it converts the wasm
// arguments to JavaScript values, calls the function the import object supplied for this
// instance, and converts the result back.
func hostImport(idx int) api.GoModuleFunc {
	return func(ctx context.Context, _ api.Module, stack []uint64) {
		in := ctx.Value(instanceKey{}).(*instance)
		in.callImport(idx, stack)
	}
}

func (in *instance) callImport(idx int, stack []uint64) {
	s := &in.compiled.imports[idx]
	if s.clock {
		in.clockRead()
	} else {
		in.spin = 0
	}
	fn := in.fns[idx]
	in.guestLeave()
	defer func() {
		in.guestEnter()
		if r := recover(); r != nil {
			if r != errUnwind && in.pending == nil {
				in.pending = r
			}
			panic(errUnwind)
		}
	}()
	if s.native != nil && in.native != nil {
		s.native(in.native, api.DecodeU32(stack[0]))
		return
	}
	var args []goja.Value
	if n := len(s.params); n == 1 {
		in.arg1[0] = toJS(in.vm, s.params[0], stack[0])
		args = in.arg1[:]
	} else if n > 1 {
		args = make([]goja.Value, n)
		for i, t := range s.params {
			args[i] = toJS(in.vm, t, stack[i])
		}
	}
	ret, err := fn(goja.Undefined(), args...)
	if err != nil {
		if in.pending == nil {
			in.pending = err
		}
		panic(errUnwind)
	}
	switch len(s.results) {
	case 0:
	case 1:
		stack[0] = fromJS(s.results[0], ret)
	default:
		obj, ok := ret.(*goja.Object)
		if !ok {
			panic(in.vm.NewTypeError("multi-value import result must be iterable"))
		}
		for i, t := range s.results {
			stack[i] = fromJS(t, obj.Get(fmt.Sprint(i)))
		}
	}
}

func toJS(vm *goja.Runtime, t api.ValueType, v uint64) goja.Value {
	switch t {
	case api.ValueTypeI32:
		return vm.ToValue(api.DecodeI32(v))
	case api.ValueTypeI64:
		return vm.ToValue(int64(v))
	case api.ValueTypeF32:
		return vm.ToValue(float64(api.DecodeF32(v)))
	case api.ValueTypeF64:
		return vm.ToValue(api.DecodeF64(v))
	}
	return goja.Undefined()
}

func fromJS(t api.ValueType, v goja.Value) uint64 {
	if v == nil {
		v = goja.Undefined()
	}
	switch t {
	case api.ValueTypeI32:
		return api.EncodeI32(toInt32(v))
	case api.ValueTypeI64:
		return uint64(v.ToInteger())
	case api.ValueTypeF32:
		return api.EncodeF32(float32(v.ToFloat()))
	case api.ValueTypeF64:
		return api.EncodeF64(v.ToFloat())
	}
	return 0
}

// toInt32 is JavaScript's ToInt32: truncate, wrap modulo 2^32; NaN and infinities give 0.
func toInt32(v goja.Value) int32 { return floatToInt32(v.ToFloat()) }

func floatToInt32(f float64) int32 {
	// Below 2^63 in magnitude, Go's conversion truncates exactly and keeping the low 32 bits is
	// the modulo. math.Mod, which the rest need, was a third of the native nanotime1's time.
	if f > -(1<<63) && f < 1<<63 {
		return int32(int64(f))
	}
	return floatToInt32Mod(f)
}

// floatToInt32Mod is ToInt32 for any float64, including NaN (which fails every comparison).
func floatToInt32Mod(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 1<<32) // exact for every float64; sign follows f
	if m < 0 {
		m += 1 << 32
	}
	return int32(uint32(m))
}
