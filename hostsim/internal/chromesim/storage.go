package chromesim

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// chrome.storage (conformance-apis §1). The data lives on the Extension, not in any context, so it
// survives worker stops and page reloads; session storage is emptied when the extension reloads.

//go:embed storage.js
var storageJS string

func init() {
	registerAPI("storage", storageJS, func(c *Context) bool {
		return c.ext != nil && c.kind != WebPage && c.ext.hasPermission("storage")
	}, func(c *Context, set func(string, any)) {
		vm := c.realm.VM
		set("areas", func() []string { return storageAreaNames })
		set("accessLevels", func() []string { return apiargs.StorageAccessLevels })
		set("constants", func(area string) [][2]any {
			var out [][2]any
			for _, k := range storageSpecs[area].constants {
				out = append(out, [2]any{k.name, k.value})
			}
			return out
		})
		set("call", func(call goja.FunctionCall) goja.Value {
			area, name := call.Argument(0).String(), call.Argument(1).String()
			done, _ := goja.AssertFunction(call.Argument(2))
			m := storageMethods[name]
			arg, callback, err := apiargs.ParseStorage(vm, m, call.Arguments[3:])
			if err != nil {
				return c.invocationFailure(err)
			}
			// The items of set() and the defaults of get() are converted now, in the caller's
			// turn, and a getter that throws there fails the call synchronously.
			var items *storageItems
			if o, ok := arg.(*goja.Object); ok && (name == "set" || name == "get" && o.ClassName() != "Array") {
				cv := newValueConverter(vm)
				values, ok := cv.items(o)
				if !ok {
					detail := apiargs.ArgumentError("items", apiargs.ErrScriptThrew)
					if name == "get" {
						detail = apiargs.ArgumentError("keys", apiargs.ErrInvalidChoice)
					}
					return c.invocationFailure(m.Error(detail))
				}
				items = &storageItems{values: values, binary: cv.binary}
			}
			c.touch()
			c.ext.storageCall(c, area, name, arg, items, done)
			// The result comes back through done, so the request needs no id: the prelude only
			// learns whether the call has a callback.
			return c.request(0, callback)
		})
	})
}

// Area names, in the order Object.keys(chrome.storage) lists them (S1).
const (
	StorageSync    = "sync"
	StorageSession = "session"
	StorageManaged = "managed"
	StorageLocal   = "local"
)

var storageAreaNames = []string{StorageSync, StorageSession, StorageManaged, StorageLocal}

var storageMethods = map[string]*apiargs.Method{
	"get":            apiargs.StorageGetMethod,
	"getKeys":        apiargs.StorageGetKeysMethod,
	"set":            apiargs.StorageSetMethod,
	"remove":         apiargs.StorageRemoveMethod,
	"clear":          apiargs.StorageClearMethod,
	"getBytesInUse":  apiargs.StorageGetBytesInUseMethod,
	"setAccessLevel": apiargs.StorageSetAccessLevelMethod,
}

// storageConstant is a constant an area exposes, such as storage.sync.QUOTA_BYTES.
type storageConstant struct {
	name  string
	value int
}

// storageSpec is what sets an area apart: its limits and whether content scripts may use it
// before setAccessLevel.
type storageSpec struct {
	constants          []storageConstant // in Chrome's order (S3)
	quotaBytes         int               // 0: none
	perItemBytes       int               // 0: none
	maxItems           int               // 0: none
	writeLimits        []writeLimit      // sync's write rates (S21)
	readOnly           bool              // managed (S6)
	keepsBinary        bool              // session keeps ArrayBuffers (§1.5)
	untrustedByDefault bool              // content scripts may use it until setAccessLevel says otherwise
}

// writeLimit is one of Chrome's timed quota heuristics: at most n writes of a kind in a window
// that opens at the first write after the previous window ended.
type writeLimit struct {
	n      int
	window time.Duration
	err    string
}

// The storage limits of Chromium 156 (S3, S17–S21).
const (
	StorageLocalQuotaBytes                 = 10485760
	StorageSessionQuotaBytes               = 10485760
	StorageSyncQuotaBytes                  = 102400
	StorageSyncQuotaBytesPerItem           = 8192
	StorageSyncMaxItems                    = 512
	StorageSyncMaxWritesPerHour            = 1800
	StorageSyncMaxWritesPerMinute          = 120
	StorageSyncMaxSustainedWritesPerMinute = 1000000
)

var storageSpecs = map[string]*storageSpec{
	StorageLocal: {
		constants:          []storageConstant{{"QUOTA_BYTES", StorageLocalQuotaBytes}},
		quotaBytes:         StorageLocalQuotaBytes,
		untrustedByDefault: true,
	},
	StorageSession: {
		constants:   []storageConstant{{"QUOTA_BYTES", StorageSessionQuotaBytes}},
		quotaBytes:  StorageSessionQuotaBytes,
		keepsBinary: true,
	},
	StorageSync: {
		constants: []storageConstant{
			{"QUOTA_BYTES", StorageSyncQuotaBytes},
			{"QUOTA_BYTES_PER_ITEM", StorageSyncQuotaBytesPerItem},
			{"MAX_ITEMS", StorageSyncMaxItems},
			{"MAX_WRITE_OPERATIONS_PER_HOUR", StorageSyncMaxWritesPerHour},
			{"MAX_WRITE_OPERATIONS_PER_MINUTE", StorageSyncMaxWritesPerMinute},
			{"MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE", StorageSyncMaxSustainedWritesPerMinute},
		},
		quotaBytes:   StorageSyncQuotaBytes,
		perItemBytes: StorageSyncQuotaBytesPerItem,
		maxItems:     StorageSyncMaxItems,
		writeLimits: []writeLimit{
			{StorageSyncMaxWritesPerMinute, time.Minute, apiargs.ErrStorageWritesPerMinute},
			{StorageSyncMaxWritesPerHour, time.Hour, apiargs.ErrStorageWritesPerHour},
		},
		untrustedByDefault: true,
	},
	StorageManaged: {readOnly: true, untrustedByDefault: true},
}

// storageArea is one area's data and state for one extension.
type storageArea struct {
	name   string
	spec   *storageSpec
	values map[string]any
	// untrusted: content scripts may use the area (access level TRUSTED_AND_UNTRUSTED_CONTEXTS).
	untrusted bool
	// buckets are the write-rate windows, per method and limit.
	buckets map[string][]writeBucket
	// unlimited lifts QUOTA_BYTES: local storage of an extension with unlimitedStorage (S22).
	unlimited bool
}

type writeBucket struct {
	ends time.Duration
	left int
}

// storageArea returns the extension's area by name, creating it empty.
func (e *Extension) storageArea(name string) *storageArea {
	if e.storage == nil {
		e.storage = map[string]*storageArea{}
	}
	a := e.storage[name]
	if a == nil {
		spec := storageSpecs[name]
		a = &storageArea{name: name, spec: spec, values: map[string]any{}, untrusted: spec.untrustedByDefault}
		e.storage[name] = a
	}
	a.unlimited = name == StorageLocal && e.hasPermission("unlimitedStorage")
	return a
}

// resetSession drops session storage and its access level, as a reload or restart does (S22, S34).
func (e *Extension) resetSession() { delete(e.storage, StorageSession) }

// storageItems are the converted items of a set() or the defaults of a get().
type storageItems struct {
	values map[string]any
	binary bool // some value is binary data
}

// storageChange is one key's entry in onChanged's changes (S23).
type storageChange struct {
	old, new       any
	hadOld, hasNew bool
}

// storageCall runs area.name(arg) for c, with items converted from arg when it is set()'s items or
// get()'s defaults, and settles it through done(error, value) in a later task of c, after the
// onChanged events it caused (S25).
func (e *Extension) storageCall(c *Context, areaName, name string, arg goja.Value, items *storageItems, done goja.Callable) {
	a := e.storageArea(areaName)
	vm := c.realm.VM
	var result func(vm *goja.Runtime) goja.Value
	errText := ""
	changes := map[string]storageChange{}
	switch {
	case c.kind == ContentScript && !a.untrusted:
		errText = apiargs.ErrStorageAccessDenied
	case name == "setAccessLevel":
		if c.kind == ContentScript {
			errText = apiargs.ErrStorageSetAccessLevelContext
			break
		}
		a.untrusted = arg.ToObject(vm).Get("accessLevel").String() == apiargs.StorageTrustedAndUntrusted
	case name == "get":
		got := a.get(vm, arg, items)
		result = func(vm *goja.Runtime) goja.Value { return toJS(vm, got) }
	case name == "getKeys":
		keys := slices.Sorted(maps.Keys(a.values))
		result = func(vm *goja.Runtime) goja.Value { return vm.ToValue(keys) }
	case name == "getBytesInUse":
		n := a.bytesInUse(keyList(vm, arg, true))
		result = func(vm *goja.Runtime) goja.Value { return vm.ToValue(n) }
	case a.spec.readOnly:
		errText = apiargs.ErrStorageReadOnly
	default:
		if errText = a.countWrite(name, e.b.sched.Now()); errText != "" {
			break
		}
		switch name {
		case "set":
			if items.binary && !a.spec.keepsBinary {
				errText = apiargs.ErrStorageBinary
				break
			}
			changes, errText = a.set(items.values)
		case "remove":
			changes = a.remove(keyList(vm, arg, false))
		case "clear":
			changes = a.remove(slices.Collect(maps.Keys(a.values)))
		}
	}
	if len(changes) > 0 {
		e.fireStorageChanged(a, changes)
	}
	e.b.hop(nil, c.realm, func() {
		if c.dead || c.invalid {
			return
		}
		v := goja.Undefined()
		if result != nil && errText == "" {
			v = result(c.realm.VM)
		}
		var errArg goja.Value = goja.Undefined()
		if errText != "" {
			errArg = c.realm.VM.ToValue(errText)
		}
		_, _ = done(goja.Undefined(), errArg, v)
	})
}

// keyList reads a keys argument of remove or getBytesInUse: a string or an array of strings.
// A missing argument means every key when all is set.
func keyList(vm *goja.Runtime, arg goja.Value, all bool) []string {
	if arg == nil {
		if all {
			return nil
		}
		return []string{}
	}
	if o, ok := arg.(*goja.Object); ok {
		var keys []string
		_ = vm.ExportTo(o, &keys)
		if keys == nil {
			keys = []string{}
		}
		return keys
	}
	return []string{arg.String()}
}

// get answers get(arg) (§1.3); defaults are arg's converted values when arg is an object.
func (a *storageArea) get(vm *goja.Runtime, arg goja.Value, defaults *storageItems) map[string]any {
	out := map[string]any{}
	o, isObj := arg.(*goja.Object)
	switch {
	case arg == nil:
		maps.Copy(out, a.values)
	case !isObj:
		if v, ok := a.values[arg.String()]; ok {
			out[arg.String()] = v
		}
	case o.ClassName() == "Array":
		for _, k := range keyList(vm, arg, false) {
			if v, ok := a.values[k]; ok {
				out[k] = v
			}
		}
	default:
		// The object's defaults convert as values do: undefined or a function leaves the key out.
		maps.Copy(out, defaults.values)
		for _, k := range o.Keys() {
			if v, ok := a.values[k]; ok {
				out[k] = v
			}
		}
	}
	return out
}

// itemBytes is what one item counts towards the quotas and getBytesInUse (S15, S16).
func (a *storageArea) itemBytes(key string, v any) int {
	if a.name == StorageSession {
		return heapString(len(key)) + sessionSize(v)
	}
	if str, ok := v.(string); ok {
		return len(key) + storedStringLen(str)
	}
	return len(key) + len(storedJSON(nil, v))
}

func (a *storageArea) bytesInUse(keys []string) int {
	if keys == nil {
		keys = slices.Collect(maps.Keys(a.values))
	}
	n := 0
	for _, k := range keys {
		if v, ok := a.values[k]; ok {
			n += a.itemBytes(k, v)
		}
	}
	return n
}

// set stores items if the result stays within the area's quotas, all or nothing (S17–S20), and
// returns the changes, leaving out keys whose value is unchanged (S24).
func (a *storageArea) set(items map[string]any) (map[string]storageChange, string) {
	total, count := a.bytesInUse(nil), len(a.values)
	for _, k := range slices.Sorted(maps.Keys(items)) {
		size := a.itemBytes(k, items[k])
		if a.spec.perItemBytes > 0 && size > a.spec.perItemBytes {
			return nil, apiargs.ErrStorageQuotaBytesPerItem
		}
		total += size
		if old, ok := a.values[k]; ok {
			total -= a.itemBytes(k, old)
		} else {
			count++
		}
	}
	switch {
	case a.name == StorageSession && total >= a.spec.quotaBytes:
		// Session storage must stay below its quota: a total of exactly QUOTA_BYTES was refused
		// in Chromium 156, where local and sync accept it.
		return nil, apiargs.ErrStorageSessionQuota
	case a.spec.quotaBytes > 0 && !a.unlimited && total > a.spec.quotaBytes:
		return nil, apiargs.ErrStorageQuotaBytes
	}
	if a.spec.maxItems > 0 && count > a.spec.maxItems {
		return nil, apiargs.ErrStorageMaxItems
	}
	changes := map[string]storageChange{}
	for k, v := range items {
		old, had := a.values[k]
		if had && reflect.DeepEqual(old, v) {
			continue
		}
		a.values[k] = v
		changes[k] = storageChange{old: old, hadOld: had, new: v, hasNew: true}
	}
	return changes, ""
}

// remove deletes keys and returns the changes for those that existed.
func (a *storageArea) remove(keys []string) map[string]storageChange {
	changes := map[string]storageChange{}
	for _, k := range keys {
		if old, ok := a.values[k]; ok {
			delete(a.values, k)
			changes[k] = storageChange{old: old, hadOld: true}
		}
	}
	return changes
}

// countWrite takes a token from each of the area's write-rate windows for method at now, or
// returns the error of the first limit the call exceeds (S21). Each write method has windows of
// its own, so set, remove and clear are limited separately.
func (a *storageArea) countWrite(method string, now time.Duration) string {
	if len(a.spec.writeLimits) == 0 {
		return ""
	}
	if a.buckets == nil {
		a.buckets = map[string][]writeBucket{}
	}
	bs := a.buckets[method]
	if bs == nil {
		bs = make([]writeBucket, len(a.spec.writeLimits))
		a.buckets[method] = bs
	}
	for i, l := range a.spec.writeLimits {
		if now >= bs[i].ends {
			bs[i] = writeBucket{ends: now + l.window, left: l.n}
		}
		if bs[i].left == 0 {
			return l.err
		}
		bs[i].left--
	}
	return ""
}

// fireStorageChanged dispatches area.onChanged and then storage.onChanged (S23, S25) to every
// context of the extension that may use the area (S27): content scripts only while its access
// level lets them.
func (e *Extension) fireStorageChanged(a *storageArea, changes map[string]storageChange) {
	build := func(vm *goja.Runtime) goja.Value {
		o := vm.NewObject()
		for _, k := range slices.Sorted(maps.Keys(changes)) {
			ch := changes[k]
			rec := vm.NewObject()
			if ch.hasNew {
				_ = rec.Set("newValue", toJS(vm, ch.new))
			}
			if ch.hadOld {
				_ = rec.Set("oldValue", toJS(vm, ch.old))
			}
			_ = o.Set(k, rec)
		}
		return o
	}
	untrusted := a.untrusted
	deliver := func(k Kind) bool { return k != ContentScript || untrusted }
	e.fireEventWith("storage."+a.name+".onChanged", func(c *Context) any {
		return c.realm.VM.NewArray(build(c.realm.VM))
	}, deliver, true)
	e.fireEventWith("storage.onChanged", func(c *Context) any {
		return c.realm.VM.NewArray(build(c.realm.VM), a.name)
	}, deliver, true)
}

// StorageAreas are the names of chrome.storage's areas.
func StorageAreas() []string { return slices.Clone(storageAreaNames) }

// StorageSet stores items in the named area as a set() from the extension would, with the area's
// value conversion and quotas, and fires onChanged; the items are JSON values (json.Unmarshal's
// any: nil, bool, float64 or json.Number, string, []any, map[string]any). It writes managed storage
// too, as a policy update does, and does not count towards sync's write rates.
func (e *Extension) StorageSet(area string, items map[string]any) error {
	a, err := e.storageAreaFor(area)
	if err != nil {
		return err
	}
	stored := make(map[string]any, len(items))
	for k, v := range items {
		if stored[k], err = storedFromJSON(v); err != nil {
			return fmt.Errorf("chrome.storage.%s: %q: %w", area, k, err)
		}
	}
	changes, errText := a.set(stored)
	if errText != "" {
		return errors.New(errText)
	}
	if len(changes) > 0 {
		e.fireStorageChanged(a, changes)
	}
	return nil
}

// StorageGet returns the named area's items under keys (every item when keys is nil) as JSON
// texts. Session storage's ArrayBuffers read as base64 strings, as encoding/json writes []byte.
func (e *Extension) StorageGet(area string, keys []string) (map[string][]byte, error) {
	a, err := e.storageAreaFor(area)
	if err != nil {
		return nil, err
	}
	if keys == nil {
		keys = slices.Collect(maps.Keys(a.values))
	}
	out := map[string][]byte{}
	for _, k := range keys {
		if v, ok := a.values[k]; ok {
			// encoding/json writes stored values as Go reads them: maps with sorted keys, and
			// session's binary data (storedBinary, a []byte) as base64.
			raw, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			out[k] = raw
		}
	}
	return out, nil
}

// StorageRemove removes keys from the named area (every key when keys is nil) and fires onChanged.
func (e *Extension) StorageRemove(area string, keys []string) error {
	a, err := e.storageAreaFor(area)
	if err != nil {
		return err
	}
	if keys == nil {
		keys = slices.Collect(maps.Keys(a.values))
	}
	if changes := a.remove(keys); len(changes) > 0 {
		e.fireStorageChanged(a, changes)
	}
	return nil
}

// StorageBytesInUse is getBytesInUse on the named area (every key when keys is nil).
func (e *Extension) StorageBytesInUse(area string, keys []string) (int, error) {
	a, err := e.storageAreaFor(area)
	if err != nil {
		return 0, err
	}
	return a.bytesInUse(keys), nil
}

func (e *Extension) storageAreaFor(name string) (*storageArea, error) {
	if storageSpecs[name] == nil {
		return nil, fmt.Errorf("chrome.storage has no area %q", name)
	}
	return e.storageArea(name), nil
}

// storedFromJSON converts a JSON value as chrome.storage would convert the same JavaScript value.
func storedFromJSON(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	var conv func(any) any
	conv = func(v any) any {
		switch x := v.(type) {
		case json.Number:
			f, _ := x.Float64()
			if f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 {
				return int32(f)
			}
			return f
		case []any:
			for i := range x {
				x[i] = conv(x[i])
			}
		case map[string]any:
			for k := range x {
				x[k] = conv(x[k])
			}
		}
		return v
	}
	return conv(tree), nil
}
