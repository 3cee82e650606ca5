package chromesim

import (
	_ "embed"
	"strconv"

	"github.com/dop251/goja"
)

//go:embed webstorage.js
var webStorageSrc string

var webStorageProgram = goja.MustCompile("chrome-webstorage.js", webStorageSrc, true)

// webStore is one Storage area: string keys in insertion order and their string values.
type webStore struct {
	keys   []string
	values map[string]string
}

func (s *webStore) set(k, v string) {
	if _, ok := s.values[k]; !ok {
		s.keys = append(s.keys, k)
	}
	s.values[k] = v
}

func (s *webStore) remove(k string) {
	if _, ok := s.values[k]; !ok {
		return
	}
	delete(s.values, k)
	for i, x := range s.keys {
		if x == k {
			s.keys = append(s.keys[:i], s.keys[i+1:]...)
			break
		}
	}
}

// webStores are the browser's localStorage areas by origin and sessionStorage areas by tab and
// origin; they live as long as the browser (a session's sessionStorage, with its tab).
type webStores struct {
	local   map[string]*webStore
	session map[string]*webStore
}

func (b *Browser) webStore(session bool, f *Frame) *webStore {
	if b.stores == nil {
		b.stores = &webStores{local: map[string]*webStore{}, session: map[string]*webStore{}}
	}
	m, key := b.stores.local, f.origin
	if session {
		m, key = b.stores.session, strconv.Itoa(f.tab.id)+" "+f.origin
	}
	if m[key] == nil {
		m[key] = &webStore{values: map[string]string{}}
	}
	return m[key]
}

// installWebStorage defines localStorage and sessionStorage in a document's realm (a page's main
// world, its content scripts, an extension page), over the frame's origin's areas.
func (c *Context) installWebStorage() error {
	if c.frame == nil || c.kind == Worker {
		return nil
	}
	vm := c.realm.VM
	area := func(session bool) *webStore { return c.b.webStore(session, c.frame) }
	native := map[string]any{
		"length": func(session bool) int { return len(area(session).keys) },
		"key": func(session bool, i int) goja.Value {
			s := area(session)
			if i < 0 || i >= len(s.keys) {
				return goja.Null()
			}
			return vm.ToValue(s.keys[i])
		},
		"get": func(session bool, k string) goja.Value {
			if v, ok := area(session).values[k]; ok {
				return vm.ToValue(v)
			}
			return goja.Null()
		},
		"has":    func(session bool, k string) bool { _, ok := area(session).values[k]; return ok },
		"set":    func(session bool, k, v string) { area(session).set(k, v) },
		"remove": func(session bool, k string) { area(session).remove(k) },
		"clear":  func(session bool) { s := area(session); s.keys, s.values = nil, map[string]string{} },
		"keys":   func(session bool) []string { return append([]string(nil), area(session).keys...) },
	}
	install, err := vm.RunProgram(webStorageProgram)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(install)
	_, err = fn(goja.Undefined(), vm.GlobalObject(), vm.ToValue(native))
	return err
}
