// Package storage is chrome.storage for Go extension code: the local, session and sync areas, typed
// reads into Go values with strict decoding, writes from structs or maps, and onChanged.
//
//	type Prefs struct {
//		Theme string `json:"theme"`
//		Count int    `json:"count"`
//	}
//	var p Prefs
//	err := storage.Local.GetInto(ctx, &p)               // reads keys "theme" and "count"
//	err = storage.Local.Set(ctx, Prefs{Theme: "dark"})  // writes both keys
//	count, found, err := storage.GetValue[int](ctx, storage.Session, "count")
//
// Reads are strict (internal/envelope's rules): a stored object's keys must name the Go fields
// exactly (no case folding), unknown keys are refused, and null is refused where the Go type cannot
// hold it, so what Go sees is what JavaScript stored. Chrome's errors (quotas, "Access to storage is
// not allowed from this context.") come back as *chrome.Error. A worker woken by storage.onChanged
// lists it in the glue's start call (see package chrome).
package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/extwasm/extwasm/chrome/internal/api"
	"github.com/extwasm/extwasm/internal/envelope"
)

// Area is one chrome.storage area.
type Area struct{ name string }

// The areas an extension writes to.
var (
	Local   = Area{"local"}
	Session = Area{"session"}
	Sync    = Area{"sync"}
)

// Name is the area's name in chrome.storage ("local").
func (a Area) Name() string { return a.name }

func (a Area) path(method string) string { return "storage." + a.name + "." + method }

// keysArg is the keys argument of get, remove and getBytesInUse: null for every key.
func keysArg(keys []string) any {
	if keys == nil {
		return nil
	}
	return keys
}

// Get returns the stored JSON of each key that is set; with no keys, every item of the area.
func (a Area) Get(ctx context.Context, keys ...string) (map[string]json.RawMessage, error) {
	var out map[string]json.RawMessage
	if err := api.Call(ctx, a.path("get"), &out, keysArg(keys)); err != nil {
		return nil, err
	}
	return out, nil
}

// GetInto reads the keys named by out's fields (out points to a struct; a field's key is its json
// tag name, else its name) and decodes the stored items into it strictly. Keys not set leave their
// fields unchanged.
func (a Area) GetInto(ctx context.Context, out any) error {
	keys, err := fieldKeys(out)
	if err != nil {
		return err
	}
	raw, err := api.CallRaw(ctx, a.path("get"), keys)
	if err != nil {
		return err
	}
	if err := envelope.Unmarshal(raw, out, envelope.Limits{}); err != nil {
		return fmt.Errorf("storage.%s.get: %w", a.name, err)
	}
	return nil
}

// GetValue reads one key of area a and decodes it strictly into a T; found is false when the key is
// not set.
func GetValue[T any](ctx context.Context, a Area, key string) (v T, found bool, err error) {
	items, err := a.Get(ctx, key)
	if err != nil {
		return v, false, err
	}
	raw, ok := items[key]
	if !ok {
		return v, false, nil
	}
	if err := envelope.Unmarshal(raw, &v, envelope.Limits{}); err != nil {
		return v, true, fmt.Errorf("storage.%s.get %q: %w", a.name, key, err)
	}
	return v, true, nil
}

// Set writes items: a struct (each field an item, keyed as GetInto reads them) or a map with string
// keys. Values are stored as their JSON.
func (a Area) Set(ctx context.Context, items any) error {
	raw, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("storage.%s.set: %w", a.name, err)
	}
	if len(raw) == 0 || raw[0] != '{' {
		return fmt.Errorf("storage.%s.set: items must be a struct or a map, not %T", a.name, items)
	}
	return api.Call(ctx, a.path("set"), nil, json.RawMessage(raw))
}

// Remove deletes keys.
func (a Area) Remove(ctx context.Context, keys ...string) error {
	if keys == nil {
		keys = []string{}
	}
	return api.Call(ctx, a.path("remove"), nil, keys)
}

// Clear deletes every item of the area.
func (a Area) Clear(ctx context.Context) error {
	return api.Call(ctx, a.path("clear"), nil)
}

// GetBytesInUse is the space keys take as Chrome counts it; with no keys, the whole area.
func (a Area) GetBytesInUse(ctx context.Context, keys ...string) (int, error) {
	var n int
	err := api.Call(ctx, a.path("getBytesInUse"), &n, keysArg(keys))
	return n, err
}

// Change is one key's change in an onChanged event: its JSON before and after (nil when the key was
// not set before, or was removed).
type Change struct {
	OldValue json.RawMessage `json:"oldValue,omitempty"`
	NewValue json.RawMessage `json:"newValue,omitempty"`
}

// DecodeNew decodes the new value strictly into v.
func (c Change) DecodeNew(v any) error {
	if c.NewValue == nil {
		return errors.New("storage: the key was removed")
	}
	return envelope.Unmarshal(c.NewValue, v, envelope.Limits{})
}

// OnChanged calls fn for each chrome.storage.onChanged event (every area; area is its name).
func OnChanged(fn func(changes map[string]Change, area string)) (stop func(), err error) {
	return api.Listen("storage.onChanged", func(args []json.RawMessage) {
		var changes map[string]Change
		var area string
		api.Arg(args, 0, &changes)
		api.Arg(args, 1, &area)
		fn(changes, area)
	})
}

// OnChanged calls fn for each change in this area (chrome.storage.<area>.onChanged).
func (a Area) OnChanged(fn func(changes map[string]Change)) (stop func(), err error) {
	return api.Listen(a.path("onChanged"), func(args []json.RawMessage) {
		var changes map[string]Change
		api.Arg(args, 0, &changes)
		fn(changes)
	})
}

// fieldKeys lists the storage keys of the struct out points to, as encoding/json names its fields.
func fieldKeys(out any) ([]string, error) {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("storage: GetInto needs a pointer to a struct, not %T", out)
	}
	t := v.Elem().Type()
	keys := []string{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		keys = append(keys, name)
	}
	return keys, nil
}
