package chromeclone

import "github.com/dop251/goja"

// Culprit tells, as Chromium 156's DataCloneError does, what V8's serializer stopped at in v: the
// first function, Symbol or host object in message order ("function g() {} could not be cloned.",
// "Symbol(s) could not be cloned."). host gives a host object's whole message ("HTMLElement object
// could not be cloned.") or "" for an ordinary object; nil knows none. A value that fails for
// another reason is named by its own text.
func Culprit(vm *goja.Runtime, v goja.Value, host func(*goja.Object) string) string {
	return culprit(vm, v, host, 0, map[*goja.Object]bool{})
}

func culprit(vm *goja.Runtime, v goja.Value, host func(*goja.Object) string, depth int, seen map[*goja.Object]bool) string {
	if _, ok := v.(*goja.Symbol); ok {
		if str, ok := goja.AssertFunction(vm.Get("String")); ok {
			if out, err := str(goja.Undefined(), v); err == nil {
				return out.String() + " could not be cloned."
			}
		}
		return "Symbol() could not be cloned."
	}
	o, ok := v.(*goja.Object)
	if !ok || depth > 64 || seen[o] {
		return ""
	}
	seen[o] = true
	if _, fn := goja.AssertFunction(o); fn {
		return o.String() + " could not be cloned."
	}
	if host != nil {
		if s := host(o); s != "" {
			return s
		}
	}
	for _, k := range o.Keys() {
		if s := culprit(vm, o.Get(k), host, depth+1, seen); s != "" {
			return s
		}
	}
	if depth == 0 {
		return o.String() + " could not be cloned."
	}
	return ""
}
